/**
 * The plan's answer passed on to the app: which statuses and headers pass ({@code RelayedAnswer}, which answers an
 * app's revalidation of a resource it had to look at itself: {@code ConditionalRead}), and the body
 * rewritten token by token while it streams ({@code FhirJsonRewriter}), split into the value copier
 * ({@code TokenCopier}, {@code PlanBaseUrls}), the entry filter ({@code EntryFilter}) and the Bundle link writer
 * ({@code BundleLinks}). Applies the {@code policy}'s decision and the {@code paging} it is given; never decides.
 */
package dev.payeraccess.proxy.answer;
