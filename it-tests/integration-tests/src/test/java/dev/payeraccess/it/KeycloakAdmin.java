package dev.payeraccess.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.keycloak.KeycloakServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Keycloak's admin REST API as the master realm's admin: the tests' one way to set Keycloak up and read back what
 * it stored. Paths are Keycloak's own ({@code /admin/realms/...}); {@link #realm(String)} shortens them for one realm.
 * ({@code org.keycloak:keycloak-admin-client} is not published for the Keycloak version we build against.)
 */
final class KeycloakAdmin {

    /** Renew the admin token this long before Keycloak would call it expired. */
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(10);

    private final KeycloakServer keycloak;
    private String accessToken;
    private Instant tokenExpiry = Instant.MIN;

    KeycloakAdmin(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    /** The admin API of one realm: paths below {@code /admin/realms/{name}}. */
    Realm realm(String name) {
        return new Realm(this, name);
    }

    /** {@code GET}, which must answer 200, as JSON. */
    JsonNode get(String path) throws IOException, InterruptedException {
        return read(path).expect(200).json();
    }

    /** {@code GET} whatever it answers, e.g. 404 for something that must not exist. */
    ApiResponse read(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    ApiResponse post(String path, Object body) throws IOException, InterruptedException {
        return send("POST", path, body);
    }

    ApiResponse put(String path, Object body) throws IOException, InterruptedException {
        return send("PUT", path, body);
    }

    ApiResponse delete(String path) throws IOException, InterruptedException {
        return send("DELETE", path, null);
    }

    /** The management interface's {@code /metrics} (Prometheus text), where Keycloak publishes our timer. */
    ApiResponse metrics() throws IOException, InterruptedException {
        return ApiResponse.send(HttpRequest.newBuilder(URI.create(keycloak.managementUrl() + "/metrics")).build());
    }

    private ApiResponse send(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json(body));
        return ApiResponse.send(HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + path))
            .header("Authorization", "Bearer " + accessToken())
            .header("Content-Type", "application/json")
            .method(method, publisher).build());
    }

    /** One admin login serves many calls: a password grant per call would cost the suite seconds. */
    synchronized String accessToken() throws IOException, InterruptedException {
        if (Instant.now().isBefore(tokenExpiry)) {
            return accessToken;
        }
        String form = "grant_type=password&client_id=admin-cli&username=" + enc(keycloak.adminUser())
            + "&password=" + enc(keycloak.adminPassword());
        JsonNode tokens = ApiResponse.send(HttpRequest.newBuilder(
                URI.create(keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build()).expect(200).json();
        accessToken = tokens.get("access_token").asText();
        tokenExpiry = Instant.now().plusSeconds(tokens.get("expires_in").asLong()).minus(TOKEN_MARGIN);
        return accessToken;
    }

    private static String json(Object body) {
        try {
            return ApiResponse.JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body + " as JSON", e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The admin API below {@code /admin/realms/{name}}: {@code realm.get("clients?clientId=app")}. */
    record Realm(KeycloakAdmin server, String name) {

        /** {@code /admin/realms/{name}/{path}}, or the realm itself for an empty path. */
        String path(String path) {
            return "/admin/realms/" + name + (path.isEmpty() ? "" : "/" + path);
        }

        JsonNode get(String path) throws IOException, InterruptedException {
            return server.get(path(path));
        }

        ApiResponse read(String path) throws IOException, InterruptedException {
            return server.read(path(path));
        }

        ApiResponse post(String path, Object body) throws IOException, InterruptedException {
            return server.post(path(path), body);
        }

        ApiResponse put(String path, Object body) throws IOException, InterruptedException {
            return server.put(path(path), body);
        }

        ApiResponse delete(String path) throws IOException, InterruptedException {
            return server.delete(path(path));
        }
    }
}
