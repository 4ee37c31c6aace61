/**
 * The <i>Health plan (FHIR R4)</i> identity provider (provider id {@code payer}): the factory, the typed
 * configuration (every key and default), save-time checks and validation (with the endpoints SMART discovery filled
 * in, which wait for the administrator's confirmation: {@code DiscoveredEndpoints}), the linking callback, member
 * identification, the realm's plans ({@code RealmPlans}) and saving them ({@code PlanStore}). Uses {@code plan},
 * {@code token}, {@code signin}, {@code compat}, {@code api} and {@code fhir}.
 */
package dev.payeraccess.broker;
