package dev.payeraccess.sandbox.oauth;

import dev.payeraccess.sandbox.control.ClientAuthMethod;
import dev.payeraccess.sandbox.control.SandboxControls;
import dev.payeraccess.sandbox.jose.RemoteJwks;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who is calling the token or revocation endpoint: checks that the client authenticated the way the plan
 * expects ({@link SandboxControls#clientAuthentication()}) and that its secret or signed assertion holds.
 */
public final class ClientAuthentication {

    private final RegisteredClients clients;
    private final SandboxControls controls;
    private final ClientAssertions assertions;

    private ClientAuthentication(RegisteredClients clients, SandboxControls controls, ClientAssertions assertions) {
        this.clients = clients;
        this.controls = controls;
        this.assertions = assertions;
    }

    /** One per sandbox, shared by the endpoints, so a client assertion's jti is spent at all of them. */
    public static ClientAuthentication of(RegisteredClients clients, SandboxControls controls) {
        Clock realTime = Clock.systemUTC();
        return new ClientAuthentication(clients, controls,
            new ClientAssertions(clients, controls, new RemoteJwks(realTime), realTime));
    }

    /**
     * The authenticated client. Requests must be form-encoded POSTs (RFC 6749 3.2).
     *
     * @param audiences the endpoint URLs a client assertion may name as {@code aud}, the token endpoint's first
     */
    RegisteredClient authenticate(HttpServletRequest req, List<String> audiences) throws OAuthError {
        String contentType = Optional.ofNullable(req.getContentType()).orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw OAuthError.invalidRequest("Send the request as application/x-www-form-urlencoded.");
        }
        ClientAuthMethod expected = controls.clientAuthentication();
        PresentedCredentials presented = PresentedCredentials.of(req).orElseThrow(() -> OAuthError.invalidClient(
            "Client authentication is required. " + expected.expectation()));
        if (!expected.accepts(presented.method())) {
            throw OAuthError.invalidClient(expected.expectation());
        }
        RegisteredClient client = presented instanceof PresentedCredentials.Assertion assertion
            ? assertions.verify(assertion, audiences)
            : bySecret((PresentedCredentials.Secret) presented);
        String formClientId = req.getParameter("client_id");
        if (formClientId != null && !formClientId.equals(client.clientId())) {
            throw OAuthError.invalidClient("client_id does not match the client that authenticated.");
        }
        return client;
    }

    private RegisteredClient bySecret(PresentedCredentials.Secret secret) throws OAuthError {
        return clients.byId(secret.clientId()).filter(c -> c.authenticates(secret.clientId(), secret.secret()))
            .orElseThrow(() -> OAuthError.invalidClient("Unknown client or wrong client secret."));
    }
}
