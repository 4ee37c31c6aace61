package dev.payeraccess.sandbox.oauth;

import dev.payeraccess.sandbox.PlanUrls;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * {@code POST /oauth2/revoke} (RFC 7009). Revoking an access or refresh token ends the whole grant;
 * an unknown token is answered 200 like a revoked one, so nothing is learned from the answer.
 */
public final class RevokeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ClientAuthentication clients;
    private final transient Grants grants;

    public RevokeServlet(ClientAuthentication clients, Grants grants) {
        this.clients = clients;
        this.grants = grants;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            PlanUrls urls = PlanUrls.of(req);
            // A client assertion for revocation may name either endpoint; Keycloak's broker names the token URL.
            RegisteredClient client = clients.authenticate(req, List.of(urls.token(), urls.revocation()));
            String token = req.getParameter("token");
            if (token == null || token.isBlank()) {
                throw OAuthError.invalidRequest("token is required.");
            }
            grants.revoke(client, token);
            resp.setStatus(200);
            resp.setHeader("Cache-Control", "no-store");
        } catch (OAuthError e) {
            OAuthResponses.error(resp, e);
        }
    }
}
