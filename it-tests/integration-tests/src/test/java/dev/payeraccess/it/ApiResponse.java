package dev.payeraccess.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payeraccess.sandbox.control.SandboxControls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An answer from Keycloak or the extension as the tests read it: status, headers and body, and, when the payer
 * sandbox was watched, how many requests reached the plan while this one was served (the tests run one request
 * at a time, so that count is this request's own).
 */
record ApiResponse(String method, URI uri, int status, HttpHeaders headers, String body, OptionalInt planRequests) {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Redirects are not followed: a test sees exactly where Keycloak or the plan sends the browser. */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Sends {@code request} and keeps the answer. */
    static ApiResponse send(HttpRequest request) throws IOException, InterruptedException {
        return of(request, HTTP.send(request, HttpResponse.BodyHandlers.ofString()), OptionalInt.empty());
    }

    /** Sends {@code request} and counts the requests the sandbox received until the answer was complete. */
    static ApiResponse send(HttpRequest request, SandboxControls plan) throws IOException, InterruptedException {
        int before = plan.totalRequestCount();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return of(request, response, OptionalInt.of(plan.totalRequestCount() - before));
    }

    private static ApiResponse of(HttpRequest request, HttpResponse<String> response, OptionalInt planRequests) {
        return new ApiResponse(request.method(), request.uri(), response.statusCode(), response.headers(),
            response.body(), planRequests);
    }

    Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The body as JSON; a body that is not JSON fails the test with the whole answer. */
    JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + this, e);
        }
    }

    boolean isOperationOutcome() {
        try {
            return "OperationOutcome".equals(JSON.readTree(body).path("resourceType").asText());
        } catch (JsonProcessingException notJson) {
            return false;
        }
    }

    /** For a fixture's own step: this status, or the step fails naming the request and the answer. */
    ApiResponse expect(int expected) {
        if (status != expected) {
            throw new IllegalStateException("expected HTTP " + expected + " from " + this);
        }
        return this;
    }

    @Override
    public String toString() {
        return method + " " + uri + " answered HTTP " + status + ": " + body;
    }
}
