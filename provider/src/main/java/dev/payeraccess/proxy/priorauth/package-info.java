/**
 * Prior authorizations (Da Vinci PDex: {@code ExplanationOfBenefit} with {@code use = preauthorization} and the PDex
 * prior-authorization profile), which plans' Patient Access APIs carry from 2027 (CMS-0057-F). R4 has no {@code use}
 * search parameter, and a lenient plan ignores one it does not know and answers every claim, so the proxy offers
 * {@code ExplanationOfBenefit?use=...} itself ({@code PriorAuthorizationSearch}): forwarded as
 * {@code _profile={PDex profile}} to a plan that declares that profile and the {@code _profile} parameter, otherwise
 * answered by filtering the plan's streamed answer on {@code ExplanationOfBenefit.use}, and says which in the proxy's
 * CapabilityStatement ({@code PriorAuthorizationCapability}). Uses {@code request}, {@code policy} (it narrows an
 * allowed request and its answer filter, never widens them), {@code paging} and {@code plan}'s cached capabilities.
 */
package dev.payeraccess.proxy.priorauth;
