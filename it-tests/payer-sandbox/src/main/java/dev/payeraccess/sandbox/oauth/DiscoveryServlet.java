package dev.payeraccess.sandbox.oauth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.sandbox.PlanUrls;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.ClientAuthMethod;
import dev.payeraccess.sandbox.control.SandboxControls;
import dev.payeraccess.sandbox.jose.JwsAlgorithm;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;

/**
 * {@code GET /r4/.well-known/smart-configuration} and {@code GET /oauth2/jwks}. The discovery document
 * names the authorization endpoint of one track (one FHIR base serves all tracks, as on the seeds'
 * plan); it can be switched off because real plans often do not publish it. It lists the client
 * authentication methods {@link SandboxControls#clientAuthentication()} accepts right now.
 */
public final class DiscoveryServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient SandboxControls controls;
    private final transient IdTokens idTokens;
    private final Track discoveredTrack;

    public DiscoveryServlet(SandboxControls controls, IdTokens idTokens, Track discoveredTrack) {
        this.controls = controls;
        this.idTokens = idTokens;
        this.discoveredTrack = discoveredTrack;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getRequestURI().endsWith("/jwks")) {
            resp.setContentType("application/json;charset=utf-8");
            resp.getWriter().write(idTokens.jwks());
            return;
        }
        if (!controls.smartConfigurationPublished()) {
            resp.sendError(404);
            return;
        }
        OAuthResponses.write(resp, 200, smartConfiguration(PlanUrls.of(req)));
    }

    private ObjectNode smartConfiguration(PlanUrls urls) {
        ObjectNode doc = OAuthResponses.object()
            .put("issuer", urls.issuer())
            .put("jwks_uri", urls.jwks())
            .put("authorization_endpoint", urls.authorize(discoveredTrack))
            .put("token_endpoint", urls.token())
            .put("revocation_endpoint", urls.revocation());
        doc.putArray("grant_types_supported").add("authorization_code").add("refresh_token");
        ClientAuthMethod clientAuthentication = controls.clientAuthentication();
        ArrayNode methods = doc.putArray("token_endpoint_auth_methods_supported");
        clientAuthentication.methods().forEach(methods::add);
        if (clientAuthentication.accepts(ClientAuthMethod.Names.PRIVATE_KEY_JWT)) {
            ArrayNode algs = doc.putArray("token_endpoint_auth_signing_alg_values_supported");
            Arrays.stream(JwsAlgorithm.values()).forEach(alg -> algs.add(alg.name()));
        }
        doc.putArray("response_types_supported").add("code");
        doc.putArray("code_challenge_methods_supported").add("S256");
        doc.putArray("scopes_supported").add("openid").add("fhirUser").add("launch/patient")
            .add("offline_access").add("patient/*.read").add("user/*.read");
        ArrayNode capabilities = doc.putArray("capabilities").add("launch-standalone")
            .add("context-standalone-patient").add("sso-openid-connect").add("permission-patient")
            .add("permission-user").add("permission-v1").add("permission-v2");
        if (!clientAuthentication.equals(ClientAuthMethod.PRIVATE_KEY_JWT_ONLY)) {
            capabilities.add("client-confidential-symmetric");
        }
        if (clientAuthentication.accepts(ClientAuthMethod.Names.PRIVATE_KEY_JWT)) {
            capabilities.add("client-confidential-asymmetric");
        }
        return doc;
    }
}
