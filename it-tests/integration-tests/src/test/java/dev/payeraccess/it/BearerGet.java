package dev.payeraccess.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A GET with a bearer token, as an app calls Keycloak and the extension's API. */
record BearerGet(String token) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    HttpResponse<String> send(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
            HttpResponse.BodyHandlers.ofString());
    }
}
