package dev.payeraccess.plan;

import java.util.Map;
import java.util.Optional;

/**
 * What an administrator can change when a plan answers with an RFC 6749 error code: most such refusals come
 * from a plan profile setting that does not match how this plan bends the standard. The hints go to the log
 * and the login error event, never to the member.
 */
public final class PlanErrorHints {

    private static final Map<String, String> AUTHORIZE = Map.of(
        "invalid_scope", "the plan refused the scopes asked for: try another scope style (scopeStyle: some plans "
            + "refuse wildcards like patient/*.read and want one scope per resource type, some speak only SMART v1 "
            + "or only v2)",
        "invalid_request", "the plan refused the authorization request: check sendAudience (some plans require "
            + "SMART's aud, some fail with it), pkceEnabled and scopeStyle",
        "unauthorized_client", "the plan does not let this client ask for codes: check the client id and the "
            + "redirect URI registered with the plan");
    private static final Map<String, String> TOKEN = Map.of(
        "invalid_client", "the plan did not accept Keycloak's client authentication: check clientAuthMethod "
            + "(client_secret_post, client_secret_basic or private_key_jwt), the credentials and, for private_key_jwt, "
            + "that the plan has the realm's JWKS URL",
        "unauthorized_client", "the plan does not let this client use this grant: check the client registered "
            + "with the plan",
        "invalid_grant", "the plan refused the code or refresh token: codes work once within minutes, and some "
            + "plans end authorizations after a while (refreshTokens, maxAuthorizationDays)");

    private PlanErrorHints() {
    }

    /** The hint for an error the plan's authorization endpoint sent the browser back with. */
    public static Optional<String> authorize(String error) {
        return Optional.ofNullable(error).map(AUTHORIZE::get);
    }

    /** The hint for an error the plan's token or revocation endpoint answered with. */
    public static Optional<String> token(String error) {
        return Optional.ofNullable(error).map(TOKEN::get);
    }
}
