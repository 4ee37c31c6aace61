/**
 * Onboarding many plans at once: reading an administrator's credentials sheet (alias, client id, secret or vault
 * reference, client authentication; pure) and enabling each plan with the save-time validation of the admin form
 * ({@code PlanEnabling}), answering plan by plan. Uses {@code broker} to save plans. Never keeps, logs or answers a
 * secret.
 */
package dev.payeraccess.onboarding;
