/**
 * Signing in through a plan, which is off by default: the policy that refuses it unless an administrator turned
 * it on for a plan ({@code PlanSignInPolicy}), the flows that then ask for the account's own credentials
 * ({@code PlanSignInFlows}, {@code PlanSignInNewAccount}), and telling a sign-in from a linking
 * ({@code LinkingSession}). Uses Keycloak only.
 */
package dev.payeraccess.signin;
