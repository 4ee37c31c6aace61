package dev.payeraccess.sandbox.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.sandbox.PlanUrls;
import dev.payeraccess.sandbox.control.SandboxControls;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /oauth2/token}: the {@code authorization_code} and {@code refresh_token} grants. Successful
 * answers carry a one-time refresh token, the SMART {@code patient} context and, with {@code openid}, an
 * {@code id_token}; {@link SandboxControls} can leave out each of the three, as some plans do.
 */
public final class TokenServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** How Blue Button 2.0 writes {@code access_grant_expiration}: {@code 2026-09-05 19:17:53Z}. */
    private static final DateTimeFormatter GRANT_END = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'",
        Locale.ROOT).withZone(ZoneOffset.UTC);

    private final transient ClientAuthentication clients;
    private final transient Grants grants;
    private final transient IdTokens idTokens;
    private final transient SandboxControls controls;

    public TokenServlet(ClientAuthentication clients, Grants grants, IdTokens idTokens, SandboxControls controls) {
        this.clients = clients;
        this.grants = grants;
        this.idTokens = idTokens;
        this.controls = controls;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            PlanUrls urls = PlanUrls.of(req);
            RegisteredClient client = clients.authenticate(req, List.of(urls.token()));
            IssuedTokens tokens = grant(req, client);
            OAuthResponses.write(resp, 200, body(tokens, urls));
        } catch (OAuthError e) {
            OAuthResponses.error(resp, e);
        }
    }

    private IssuedTokens grant(HttpServletRequest req, RegisteredClient client) throws OAuthError {
        String grantType = req.getParameter("grant_type");
        if ("authorization_code".equals(grantType)) {
            return grants.redeemCode(client, req.getParameter("code"),
                Optional.ofNullable(req.getParameter("redirect_uri")),
                Optional.ofNullable(req.getParameter("code_verifier")));
        }
        if ("refresh_token".equals(grantType)) {
            return grants.refresh(client, req.getParameter("refresh_token"));
        }
        throw new OAuthError(400, "unsupported_grant_type",
            "grant_type must be authorization_code or refresh_token.");
    }

    private ObjectNode body(IssuedTokens tokens, PlanUrls urls) {
        MemberConsent consent = tokens.consent();
        ObjectNode body = OAuthResponses.object()
            .put("access_token", tokens.accessToken())
            .put("token_type", "Bearer")
            .put("expires_in", tokens.expiresIn().toSeconds());
        tokens.refreshToken().ifPresent(refresh -> body.put("refresh_token", refresh));
        if (tokens.refreshToken().isPresent()) {
            controls.refreshTokenIdleLifetime().ifPresent(idle -> body.put("refresh_expires_in", idle.toSeconds()));
        }
        if (controls.grantEndAnnounced()) {
            tokens.grantEndsAt().ifPresent(end -> body.put("access_grant_expiration", GRANT_END.format(end)));
        }
        body.put("scope", consent.scopeString());
        if (controls.patientContextSent()) {
            body.put("patient", consent.member().patientId());
        }
        if (controls.idTokenIssued() && consent.includesScope("openid")) {
            body.put("id_token", idTokens.issue(consent, urls));
        }
        return body;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Allow", "POST");
        OAuthResponses.error(resp, new OAuthError(405, "invalid_request", "Use POST."));
    }
}
