package dev.payeraccess.sandbox.oauth;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /oauth2/revoke} (RFC 7009). Revoking an access or refresh token ends the whole grant;
 * an unknown token is answered 200 like a revoked one, so nothing is learned from the answer.
 */
public final class RevokeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient RegisteredClients clients;
    private final transient Grants grants;

    public RevokeServlet(RegisteredClients clients, Grants grants) {
        this.clients = clients;
        this.grants = grants;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            RegisteredClient client = OAuthResponses.authenticate(req, clients);
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
