package dev.payeraccess.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What an app and a member do against the sandbox over plain HTTP: open the authorize URL, fill in the
 * verification page, exchange the code. Redirects are not followed, so tests see exactly where the
 * plan sends the browser.
 */
public final class SandboxClient {

    static final String REDIRECT_URI = "http://localhost:9999/callback";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REQUEST_ID = Pattern.compile("name=\"request_id\" value=\"([^\"]+)\"");

    private final PlanUrls urls;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public SandboxClient(PlanUrls urls) {
        this.urls = urls;
    }

    /** Authorize query with the Keycloak client, the test redirect URI and {@code state=xyz}, plus {@code extra}. */
    HttpResponse<String> authorize(Track track, Map<String, String> extra) throws IOException, InterruptedException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", SandboxSettings.KEYCLOAK_CLIENT.clientId());
        query.put("redirect_uri", REDIRECT_URI);
        query.put("state", "xyz");
        query.putAll(extra);
        query.values().removeIf(v -> v == null);
        return get(urls.authorize(track) + "?" + form(query));
    }

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts the verification page of {@code page} with the member's details. */
    HttpResponse<String> verify(Track track, HttpResponse<String> page, TestMember member, String email)
        throws IOException, InterruptedException {
        return submit(track, page, memberForm(member, email));
    }

    /** The verification form filled in with {@code member}'s details; change a field to test a mistake. */
    static Map<String, String> memberForm(TestMember member, String email) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("action", "verify");
        form.put("firstName", member.firstName());
        form.put("lastName", member.lastName());
        form.put("birthDate", member.birthDate().format(MemberDates.MM_DD_YYYY));
        form.put("memberId", member.memberId());
        form.put("postalCode", member.postalCode());
        form.put("email", email);
        return form;
    }

    HttpResponse<String> submit(Track track, HttpResponse<String> page, Map<String, String> fields)
        throws IOException, InterruptedException {
        Matcher m = REQUEST_ID.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("No verification form in page:\n" + page.body());
        }
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("request_id", m.group(1));
        return post(urls.authorize(track), form);
    }

    HttpResponse<String> post(String url, Map<String, String> form) throws IOException, InterruptedException {
        return post(url, form, Map.of());
    }

    /** A form POST with extra headers, such as {@link #basic} client authentication. */
    HttpResponse<String> post(String url, Map<String, String> form, Map<String, String> headers)
        throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An {@code Authorization} header for {@code client_secret_basic}, encoded as RFC 6749 2.3.1 says. */
    static Map<String, String> basic(String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
            + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return Map.of("Authorization", "Basic "
            + java.util.Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    /** A code for {@code member} on {@code track}, going through the page like a member would. */
    String code(Track track, TestMember member, Map<String, String> extra) throws IOException, InterruptedException {
        HttpResponse<String> redirect = verify(track, authorize(track, extra), member,
            member.memberId() + "@example.org");
        return param(redirect, "code").orElseThrow(() -> new AssertionError("No code in " + location(redirect)));
    }

    HttpResponse<String> token(Map<String, String> grant) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>(grant);
        form.putIfAbsent("client_id", SandboxSettings.KEYCLOAK_CLIENT.clientId());
        form.putIfAbsent("client_secret", SandboxSettings.KEYCLOAK_CLIENT.clientSecret());
        return post(urls.token(), form);
    }

    JsonNode exchange(String code) throws IOException, InterruptedException {
        HttpResponse<String> response = token(Map.of("grant_type", "authorization_code", "code", code,
            "redirect_uri", REDIRECT_URI));
        if (response.statusCode() != 200) {
            throw new AssertionError("Token exchange failed: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Tokens for {@code member} on {@code track} with the track's default scope. */
    public JsonNode tokensFor(Track track, TestMember member) throws IOException, InterruptedException {
        return exchange(code(track, member, Map.of()));
    }

    public HttpResponse<String> fhirGet(String pathAndQuery, String accessToken) throws IOException,
        InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(urls.fhirBase() + pathAndQuery))
            .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    static Optional<String> param(HttpResponse<?> redirect, String name) {
        String location = location(redirect);
        int q = location.indexOf('?');
        if (q < 0) {
            return Optional.empty();
        }
        for (String pair : location.substring(q + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return Optional.of(URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    static String form(Map<String, String> values) {
        return values.entrySet().stream()
            .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    }
}
