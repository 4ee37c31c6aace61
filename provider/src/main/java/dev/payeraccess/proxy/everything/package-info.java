/**
 * {@code Patient/{id}/$everything} for one plan: the operation's parameters ({@code EverythingRequest}), which types
 * a caller's $everything reads and how each is searched ({@code EverythingSearches}), and the emulation for plans
 * whose CapabilityStatement does not declare the operation: one searchset Bundle streamed from a search per type
 * ({@code EmulatedEverything}, with {@code PlanEntries} moving each plan page's entries into it) and paged by signed
 * cursors ({@code EverythingCursors}). Uses {@code request}, {@code policy}'s decisions (it is handed them, it never
 * decides), {@code answer}'s rewriter, {@code paging}'s {@code BundlePaging} and {@code fhir}; no Keycloak, no tokens:
 * the plan is read through the {@code PlanPages} it is given, so a cross-plan caller can reuse it per plan.
 */
package dev.payeraccess.proxy.everything;
