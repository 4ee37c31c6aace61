/**
 * {@code Patient/[id]/$everything} at one plan: the operation's parameters ({@code EverythingRequest}), which types
 * a caller's operation reads and how each is searched ({@code EverythingSearches} → {@code EverythingPlan}, each
 * type decided by the {@code policy} as its search would be), and, for plans whose CapabilityStatement does not
 * declare the operation, the emulation: one searchset Bundle streamed from a search per type
 * ({@code EmulatedEverything}) and paged by signed cursors ({@code EverythingCursors}). Uses {@code request},
 * {@code policy} (it is handed the policy, it never decides itself), {@code answer}'s rewriter, {@code fhir} and the
 * plan's declared capabilities; no Keycloak, no tokens: the plan is read through the {@code PlanPages} it is given,
 * so a cross-plan caller can run it once per plan.
 */
package dev.payeraccess.proxy.everything;
