package dev.payeraccess.sandbox.oauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/** JSON answers of the token and revocation endpoints, and the client authentication they share. */
final class OAuthResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OAuthResponses() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static void write(HttpServletResponse resp, int status, ObjectNode body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=utf-8");
        // RFC 6749 5.1: token responses must not be cached.
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("Pragma", "no-cache");
        resp.getWriter().write(body.toString());
    }

    static void error(HttpServletResponse resp, OAuthError error) throws IOException {
        write(resp, error.status(), object().put("error", error.error()).put("error_description", error.description()));
    }

    /**
     * The seeds' plan authenticates clients with {@code client_secret_post}: id and secret in the form.
     * Requests must be form-encoded POSTs.
     */
    static RegisteredClient authenticate(HttpServletRequest req, RegisteredClients clients) throws OAuthError {
        String contentType = Optional.ofNullable(req.getContentType()).orElse("");
        if (!contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw OAuthError.invalidRequest("Send the request as application/x-www-form-urlencoded.");
        }
        String clientId = req.getParameter("client_id");
        String secret = req.getParameter("client_secret");
        if (clientId == null || secret == null) {
            String hint = req.getHeader("Authorization") != null
                ? " HTTP Basic client authentication is not supported: use client_secret_post." : "";
            throw OAuthError.invalidClient("client_id and client_secret are required in the form body." + hint);
        }
        return clients.byId(clientId).filter(c -> c.authenticates(clientId, secret))
            .orElseThrow(() -> OAuthError.invalidClient("Unknown client or wrong client secret."));
    }
}
