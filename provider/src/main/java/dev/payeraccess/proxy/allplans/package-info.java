/**
 * One search across every plan a member linked ({@code fhir/_all/{type}}), and {@code $everything} across them
 * ({@code fhir/_all/Patient/$everything}, each plan's single-plan operation on the member's own patient there, merged
 * the same way): the JAX-RS resource ({@code AllPlansResource}) and its Keycloak shell ({@code AllPlansSearch}),
 * which runs each plan's single-plan checks on the request thread through the proxy's flow
 * ({@code KeycloakProxySteps.prepared}, {@code preparedEverything}) and then reads the plans at once on threads that
 * never touch a {@code KeycloakSession} ({@code PlanStream}); the plans' answers read entry by entry as they stream
 * ({@code PlanBundleReader}), merged in order ({@code MergedPage}, {@code SortOrder}), each entry named by its plan
 * ({@code PlanEntries}), and the cursor of the next page kept server-side, signed and expiring
 * ({@code CrossPlanCursor}, {@code CursorStore}).
 *
 * <p>The one room above the proxy's flow: it may use {@code dev.payeraccess.proxy} and its rooms, {@code api},
 * {@code broker} and {@code fhir}; nothing of the proxy uses it. Its core (query, order, entries, merge, reader,
 * cursor) uses no Keycloak session.
 */
package dev.payeraccess.proxy.allplans;
