package dev.payeraccess.sandbox.oauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** JSON answers of the token and revocation endpoints. */
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
}
