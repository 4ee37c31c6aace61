/**
 * The access decision: may this caller, with these scopes, read this request from this plan, and which entries of
 * the answer may it see ({@code AccessPolicy} → {@code AccessDecision}, with an {@code AnswerFilter}); what SMART 2.0
 * granular scopes grant of a type ({@code GranularGrant}), matched as FHIR token searches match
 * ({@code TokenMatch}). Pure: no Keycloak, no JAX-RS, no tokens; uses {@code request} and {@code fhir} only, and is
 * tested as a table of cases.
 */
package dev.payeraccess.proxy.policy;
