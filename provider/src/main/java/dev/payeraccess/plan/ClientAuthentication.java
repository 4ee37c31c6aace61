package dev.payeraccess.plan;

import org.keycloak.http.simple.SimpleHttpRequest;
import org.keycloak.models.KeycloakSession;

/**
 * How Keycloak proves to a plan's token and revocation endpoints that it is the plan's registered client:
 * {@code client_secret_post}, {@code client_secret_basic} or {@code private_key_jwt} (RFC 7523, signed with a
 * key of the realm). One implementation serves the code exchange, the refresh and the revocation, so the three
 * can never authenticate differently.
 */
@FunctionalInterface
public interface ClientAuthentication {

    /**
     * Adds the client's credentials to {@code request}.
     *
     * @param session the session the request is sent in: its realm's keys sign a client assertion, and its
     *     vault resolves a secret given as {@code ${vault.key}}
     */
    SimpleHttpRequest authenticate(KeycloakSession session, SimpleHttpRequest request);
}
