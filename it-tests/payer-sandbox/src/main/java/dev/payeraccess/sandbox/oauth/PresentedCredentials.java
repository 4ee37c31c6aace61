package dev.payeraccess.sandbox.oauth;

import dev.payeraccess.sandbox.control.ClientAuthMethod;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** How a token or revocation request authenticated its client, as read from the request, not yet checked. */
sealed interface PresentedCredentials {

    /** RFC 7523 2.2: the only client assertion type there is. */
    String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /** The RFC 8414 name of the method, as {@link ClientAuthMethod#accepts} takes it. */
    String method();

    /** A client secret, in the form ({@code client_secret_post}) or in HTTP Basic ({@code client_secret_basic}). */
    record Secret(String method, String clientId, String secret) implements PresentedCredentials {
    }

    /** A signed JWT ({@code private_key_jwt}); {@code clientId} is the form's {@code client_id}, if sent. */
    record Assertion(Optional<String> clientId, String jwt) implements PresentedCredentials {
        @Override
        public String method() {
            return ClientAuthMethod.Names.PRIVATE_KEY_JWT;
        }
    }

    /** The credentials the request carries, or empty when it carries none. */
    static Optional<PresentedCredentials> of(HttpServletRequest req) throws OAuthError {
        Optional<String> basic = Optional.ofNullable(req.getHeader("Authorization"))
            .filter(h -> h.toLowerCase(Locale.ROOT).startsWith("basic "));
        boolean post = req.getParameter("client_secret") != null;
        boolean assertion = req.getParameter("client_assertion") != null
            || req.getParameter("client_assertion_type") != null;
        if (Stream.of(basic.isPresent(), post, assertion).filter(b -> b).count() > 1) {
            throw OAuthError.invalidRequest("The request carries more than one client authentication; "
                + "RFC 6749 2.3 allows one per request.");
        }
        if (basic.isPresent()) {
            return Optional.of(basic(basic.get().substring("basic ".length()).trim()));
        }
        if (post) {
            return Optional.of(post(req));
        }
        return assertion ? Optional.of(assertion(req)) : Optional.empty();
    }

    /**
     * RFC 6749 2.3.1: id and secret are form-encoded, joined by a colon, then base64-encoded, as Keycloak's broker
     * sends {@code client_secret_basic}. Its unencoded variant sends the same bytes for secrets without reserved
     * characters, such as the sandbox's.
     */
    private static Secret basic(String encoded) throws OAuthError {
        try {
            String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon < 0) {
                throw OAuthError.invalidClient("The HTTP Basic credentials are not client_id:client_secret.");
            }
            return new Secret(ClientAuthMethod.Names.BASIC, formDecode(pair.substring(0, colon)),
                formDecode(pair.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidClient("The HTTP Basic credentials are not base64.");
        }
    }

    private static Secret post(HttpServletRequest req) throws OAuthError {
        String clientId = req.getParameter("client_id");
        if (clientId == null) {
            throw OAuthError.invalidClient("client_id is required in the form body with client_secret.");
        }
        return new Secret(ClientAuthMethod.Names.POST, clientId, req.getParameter("client_secret"));
    }

    private static Assertion assertion(HttpServletRequest req) throws OAuthError {
        if (!JWT_BEARER.equals(req.getParameter("client_assertion_type"))) {
            throw OAuthError.invalidClient("client_assertion_type must be " + JWT_BEARER + ".");
        }
        String jwt = req.getParameter("client_assertion");
        if (jwt == null || jwt.isBlank()) {
            throw OAuthError.invalidClient("client_assertion is required with client_assertion_type.");
        }
        return new Assertion(Optional.ofNullable(req.getParameter("client_id")), jwt.trim());
    }

    private static String formDecode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
