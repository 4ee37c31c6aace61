package dev.payeraccess.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cookie-keeping HTTP client that walks Keycloak's real login pages and the sandbox's verification
 * page the way a browser would, following redirects one by one so tests can stop where they need to.
 */
final class KeycloakBrowser {

    private static final Pattern FORM = Pattern.compile("<form[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]*)\"");
    private static final Pattern REQUEST_ID = Pattern.compile("name=\"request_id\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new LocalhostCookieJar())
        .followRedirects(HttpClient.Redirect.NEVER).build();

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST without body as {@code bearer}, keeping the cookies it sets (e.g. an admin's impersonation). */
    HttpResponse<String> postAs(String url, String bearer) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer)
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String url, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Follows redirects until an answer that is not one, or until the next hop starts with {@code stopAt}. */
    HttpResponse<String> follow(HttpResponse<String> response, String stopAt) throws IOException, InterruptedException {
        HttpResponse<String> current = response;
        for (int hops = 0; hops < 20 && isRedirect(current); hops++) {
            String next = current.uri().resolve(location(current)).toString();
            if (stopAt != null && next.startsWith(stopAt)) {
                return current;
            }
            current = get(next);
        }
        return current;
    }

    /** Fills Keycloak's username/password form on {@code page} and submits it. */
    HttpResponse<String> login(HttpResponse<String> page, String username, String password)
        throws IOException, InterruptedException {
        return post(formAction(page, "kc-form-login"), Map.of("username", username, "password", password,
            "credentialId", ""));
    }

    /** Presses "Continue" on Keycloak's "link your account" confirmation of the {@code idp_link} action. */
    HttpResponse<String> confirmLink(HttpResponse<String> page) throws IOException, InterruptedException {
        return post(formActionContaining(page, "execution=idp_link"), Map.of("continue", ""));
    }

    /** Submits the sandbox's member verification page. */
    HttpResponse<String> verifyMember(HttpResponse<String> page, Map<String, String> fields)
        throws IOException, InterruptedException {
        Matcher id = REQUEST_ID.matcher(page.body());
        if (!id.find()) {
            throw new AssertionError("Not the sandbox verification page (" + page.uri() + "):\n" + page.body());
        }
        Map<String, String> form = new java.util.LinkedHashMap<>(fields);
        form.put("request_id", id.group(1));
        return post(page.uri().toString().split("\\?")[0], form);
    }

    static String formAction(HttpResponse<String> page, String formId) {
        Matcher forms = FORM.matcher(page.body());
        while (forms.find()) {
            String tag = forms.group();
            if (tag.contains("id=\"" + formId + "\"")) {
                Matcher action = ACTION.matcher(tag);
                if (action.find()) {
                    return action.group(1).replace("&amp;", "&");
                }
            }
        }
        throw new AssertionError("No form " + formId + " on " + page.uri() + " (HTTP " + page.statusCode() + "):\n"
            + page.body());
    }

    /** The action of the first form on {@code page} whose action URL contains {@code text}. */
    static String formActionContaining(HttpResponse<String> page, String text) {
        Matcher forms = FORM.matcher(page.body());
        while (forms.find()) {
            Matcher action = ACTION.matcher(forms.group());
            if (action.find() && action.group(1).contains(text)) {
                return action.group(1).replace("&amp;", "&");
            }
        }
        throw new AssertionError("No form posting to *" + text + "* on " + page.uri() + " (HTTP "
            + page.statusCode() + "):\n" + page.body());
    }

    static boolean isRedirect(HttpResponse<?> response) {
        int status = response.statusCode();
        return status == 301 || status == 302 || status == 303 || status == 307;
    }

    static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
