package dev.payeraccess.conformance;

import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.plan.PlanFetch;
import dev.payeraccess.plan.SmartConfiguration;
import dev.payeraccess.plan.SmartDiscovery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a plan's SMART discovery document says, against the plan's settings: its endpoints, PKCE, client
 * authentication, revocation and scopes (SMART App Launch 2.x, section "Conformance"; RFC 8414 for the
 * authorization server metadata it borrows).
 */
final class DiscoveryChecks {

    static final String DISCOVERY = "smart-discovery";
    static final String AUTHORIZATION_ENDPOINT = "authorization-endpoint";
    static final String TOKEN_ENDPOINT = "token-endpoint";
    static final String PKCE = "pkce-s256";
    static final String CLIENT_AUTHENTICATION = "client-authentication";
    static final String REVOCATION = "revocation-endpoint";

    private DiscoveryChecks() {
    }

    static List<Finding> of(PlanIdentityProviderConfig plan, PlanFetch<SmartConfiguration> discovery) {
        String url = SmartDiscovery.url(plan.fhirBaseUrl().orElseThrow());
        List<Finding> findings = new ArrayList<>();
        if (discovery.value().isEmpty()) {
            findings.add(Finding.warn(DISCOVERY, "GET " + url + " " + discovery.failure().orElseThrow().reason()
                + ": the plan publishes no usable SMART discovery document, so authorizationUrl and tokenUrl must be "
                + "typed from its developer documentation (they are), and a change at the plan goes unnoticed."));
            String none = "No discovery document to compare with.";
            for (String check : List.of(AUTHORIZATION_ENDPOINT, TOKEN_ENDPOINT, PKCE, CLIENT_AUTHENTICATION)) {
                findings.add(Finding.skipped(check, none));
            }
            findings.add(revocationUndiscovered(plan));
            findings.add(Finding.skipped(ScopeStyleCheck.CHECK, none));
            return findings;
        }
        SmartConfiguration smart = discovery.value().get();
        findings.add(Finding.pass(DISCOVERY, "GET " + url + " answered a SMART configuration in "
            + discovery.latency().toMillis() + " ms."));
        findings.add(endpoint(AUTHORIZATION_ENDPOINT, PlanIdentityProviderConfig.AUTHORIZATION_URL,
            plan.getAuthorizationUrl(), smart.authorizationEndpoint()));
        findings.add(endpoint(TOKEN_ENDPOINT, PlanIdentityProviderConfig.TOKEN_URL, plan.getTokenUrl(),
            smart.tokenEndpoint()));
        findings.add(pkce(plan.isPkceEnabled(), smart.codeChallengeMethods()));
        findings.add(clientAuthentication(plan.clientAuthMethod(), smart.tokenEndpointAuthMethods()));
        findings.add(revocation(plan, smart.revocationEndpoint()));
        findings.add(ScopeStyleCheck.of(plan.authorizationScope(), plan.scopeStyle(), smart));
        return findings;
    }

    /** A configured endpoint against the discovered one; a plan may have moved it, or serve several tracks. */
    static Finding endpoint(String check, String setting, String configured, String discovered) {
        if (same(configured, discovered)) {
            return Finding.pass(check, setting + " is " + discovered + ", as discovered.");
        }
        return Finding.warn(check, setting + " is " + configured + " but the plan's discovery document names "
            + discovered + ": the plan moved it, or this plan is one of several tracks behind one FHIR base. "
            + "Check the plan's developer documentation.", setting, discovered);
    }

    /** This extension always sends S256 when PKCE is on (RFC 7636; SMART requires servers to support S256). */
    static Finding pkce(boolean enabled, List<String> methods) {
        String key = PlanIdentityProviderConfig.PKCE;
        if (methods.contains("S256")) {
            return enabled ? Finding.pass(PKCE, "The plan advertises PKCE with S256, which linking sends.")
                : Finding.warn(PKCE, "The plan advertises PKCE with S256 but " + key + " is off: PKCE keeps a stolen "
                    + "authorization code useless.", key, "true");
        }
        if (!methods.isEmpty()) {
            return enabled ? Finding.fail(PKCE, "The plan advertises only " + String.join(", ", methods)
                + " as code_challenge_methods_supported, not S256: an authorization request with an S256 challenge "
                + "will be refused.", key, "false")
                : Finding.pass(PKCE, "PKCE is off, and the plan advertises no S256.");
        }
        return enabled ? Finding.warn(PKCE, "The plan advertises no code_challenge_methods_supported, although SMART "
            + "requires S256: if linking fails with invalid_request, switch " + key + " off.")
            : Finding.pass(PKCE, "PKCE is off, and the plan advertises no code challenge method.");
    }

    /**
     * RFC 8414 section 2: without {@code token_endpoint_auth_methods_supported} the default is
     * {@code client_secret_basic}. A plan listing methods refuses the others with {@code invalid_client}.
     */
    static Finding clientAuthentication(String configured, List<String> listed) {
        String key = PlanIdentityProviderConfig.CLIENT_AUTH_METHOD;
        if (listed.isEmpty()) {
            return PlanIdentityProviderConfig.CLIENT_SECRET_BASIC.equals(configured)
                ? Finding.pass(CLIENT_AUTHENTICATION, "The plan lists no token_endpoint_auth_methods_supported, which "
                    + "RFC 8414 reads as client_secret_basic, as configured.")
                : Finding.warn(CLIENT_AUTHENTICATION, "The plan lists no token_endpoint_auth_methods_supported, which "
                    + "RFC 8414 reads as client_secret_basic only; " + key + " is " + configured + ". If linking "
                    + "fails with invalid_client, try client_secret_basic.");
        }
        if (listed.contains(configured)) {
            return Finding.pass(CLIENT_AUTHENTICATION, key + " " + configured + " is one of the methods the plan "
                + "lists (" + String.join(", ", listed) + ").");
        }
        Optional<String> supported = PlanIdentityProviderConfig.CLIENT_AUTH_METHODS.stream()
            .filter(listed::contains).findFirst();
        String detail = key + " is " + configured + " but the plan lists only " + String.join(", ", listed)
            + " as token_endpoint_auth_methods_supported: the code exchange will be refused (invalid_client)";
        return supported.map(method -> Finding.fail(CLIENT_AUTHENTICATION, detail + "."
                + (method.equals(PlanIdentityProviderConfig.PRIVATE_KEY_JWT) ? " With private_key_jwt, register the "
                    + "realm's JWKS URL with the plan." : ""), key, method))
            .orElseGet(() -> Finding.fail(CLIENT_AUTHENTICATION, detail + ", and this extension supports none of "
                + "them."));
    }

    /** The revocation endpoint the discovery document advertises (maybe none) against {@code revocationUrl}. */
    static Finding revocation(PlanIdentityProviderConfig plan, Optional<String> advertised) {
        String key = PlanIdentityProviderConfig.REVOCATION_URL;
        Optional<String> configured = plan.revocationUrl();
        if (advertised.isEmpty()) {
            return configured.map(url -> Finding.pass(REVOCATION, key + " is " + url + " (the plan's discovery "
                    + "document advertises none)."))
                .orElseGet(() -> Finding.warn(REVOCATION, "No revocation endpoint: unlinking removes the link here "
                    + "but cannot revoke the member's grant at the plan, and the plan's discovery document advertises "
                    + "none."));
        }
        if (configured.isEmpty()) {
            return Finding.warn(REVOCATION, "The plan advertises revocation at " + advertised.get() + " but " + key
                + " is empty: unlinking removes the link here and leaves the member's grant valid at the plan.", key,
                advertised.get());
        }
        return same(configured.get(), advertised.get())
            ? Finding.pass(REVOCATION, key + " is " + advertised.get() + ", as discovered: unlinking revokes the "
                + "member's grant at the plan.")
            : Finding.warn(REVOCATION, key + " is " + configured.get() + " but the plan advertises " + advertised.get()
                + ".", key, advertised.get());
    }

    /** Without a discovery document, only {@code revocationUrl} tells. */
    static Finding revocationUndiscovered(PlanIdentityProviderConfig plan) {
        String key = PlanIdentityProviderConfig.REVOCATION_URL;
        return plan.revocationUrl().map(url -> Finding.pass(REVOCATION, key + " is " + url + "."))
            .orElseGet(() -> Finding.warn(REVOCATION, "No revocation endpoint: unlinking removes the link here but "
                + "cannot revoke the member's grant at the plan. Enter " + key + " if the plan's documentation names "
                + "one."));
    }

    private static boolean same(String a, String b) {
        return a != null && b != null && trimmed(a).equals(trimmed(b));
    }

    private static String trimmed(String url) {
        String t = url.trim();
        return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
    }
}
