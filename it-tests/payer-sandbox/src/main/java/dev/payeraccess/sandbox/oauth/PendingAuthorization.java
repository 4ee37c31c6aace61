package dev.payeraccess.sandbox.oauth;

import java.time.Instant;

/**
 * An authorization request that passed validation and waits for the member to verify on the page.
 * Kept server-side so the form cannot be tampered with: the page carries only its id.
 */
record PendingAuthorization(String id, AuthorizationRequest request, Instant expiresAt) {
}
