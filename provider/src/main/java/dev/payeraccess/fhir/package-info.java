/**
 * FHIR R4 and SMART knowledge shared by the proxy and the conformance check: the error vocabulary
 * ({@code FhirProblem} → {@code OperationOutcome}), search parameters of base R4 and the implementation guides
 * plans serve ({@code SearchParameters}), and what SMART scopes grant ({@code SmartScopes}, {@code Access}, and the
 * query of a granular scope, {@code ScopeQuery}). Uses HAPI FHIR and JAX-RS only.
 */
package dev.payeraccess.fhir;
