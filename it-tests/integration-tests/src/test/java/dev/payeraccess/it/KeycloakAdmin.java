package dev.payeraccess.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payeraccess.keycloak.KeycloakServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Keycloak's admin REST API as the master realm's admin, with plain HTTP and Jackson. */
final class KeycloakAdmin {

    static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakServer keycloak;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    KeycloakAdmin(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    String accessToken() throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=admin-cli&username=" + enc(keycloak.adminUser())
            + "&password=" + enc(keycloak.adminPassword());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Admin login failed: HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send("GET", path, null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** POST or PUT a JSON body; the response is returned whatever its status. */
    HttpResponse<String> send(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        return http.send(HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + path))
            .header("Authorization", "Bearer " + accessToken())
            .header("Content-Type", "application/json")
            .method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    }

    void require(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri()
                + " answered HTTP " + response.statusCode() + " (expected " + status + "): " + response.body());
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
