/**
 * The read-only FHIR proxy at {@code /realms/{realm}/payer-access/fhir/{alias}/...}: the JAX-RS resource
 * ({@code FhirProxyResource}), the flow that runs the contract's checks in order ({@code FhirProxy} over
 * {@code ProxySteps}), their Keycloak implementation ({@code KeycloakProxySteps}) and what the app is told when a
 * plan or the member's link stands in the way ({@code ProxyProblems}).
 *
 * <p>The rooms below hold one idea each and never use this package: {@code request} (what was asked),
 * {@code policy} (may it be forwarded, and must the answer be looked at), {@code paging} (the page links the proxy
 * writes and reads), {@code limits} (caps, gates, waits and the HTTP pool of this node), {@code answer} (the plan's
 * answer passed on, rewritten token by token), {@code metadata} (what the proxy declares about itself) and
 * {@code everything} ({@code Patient/[id]/$everything}, forwarded or emulated) and {@code priorauth} (prior
 * authorizations asked as {@code ExplanationOfBenefit?use=}). This
 * package may use all of them, and {@code token}, {@code plan}, {@code broker}, {@code api}, {@code fhir} and
 * {@code audit}.
 *
 * <p>One room sits above the flow instead: {@code allplans}, the search across a member's plans, which runs each plan's
 * checks through {@code KeycloakProxySteps.prepared} and gets back a {@code PreparedRead} whose call and rewrite touch
 * no session. Nothing here uses it.
 */
package dev.payeraccess.proxy;
