package dev.payeraccess.it;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.control.SandboxControls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The extension's REST API of one realm, {@code /realms/{realm}/payer-access/...}, as an app calls it: the FHIR
 * proxy of each plan, the caller's links, the public plan directory and the plan picker. Anonymous until
 * {@link #as(String)} gives it a caller's access token:
 *
 * <pre>{@code
 * PayerAccessApi api = realm.api().as(accessToken);
 * api.fhir("test").get("ExplanationOfBenefit?_count=3");
 * api.links().delete("test");
 * }</pre>
 *
 * Every answer also counts the requests that reached the payer sandbox meanwhile (see {@link ApiResponse}).
 */
final class PayerAccessApi {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final String keycloakUrl;
    private final String realm;
    private final String base;
    private final SandboxControls plan;
    private final Optional<String> accessToken;
    private final Map<String, String> headers;

    private PayerAccessApi(String keycloakUrl, String realm, SandboxControls plan, Optional<String> accessToken,
                           Map<String, String> headers) {
        this.keycloakUrl = keycloakUrl;
        this.realm = realm;
        this.base = keycloakUrl + "/realms/" + realm + "/payer-access";
        this.plan = plan;
        this.accessToken = accessToken;
        this.headers = Map.copyOf(headers);
    }

    /** The API of {@code realm} on the stack's Keycloak, without a caller. */
    static PayerAccessApi of(KeycloakStack stack, String realm) {
        return new PayerAccessApi(stack.keycloak().baseUrl(), realm, stack.sandbox().controls(), Optional.empty(),
            Map.of());
    }

    /**
     * The same API reached through another URL of the same Keycloak: a cluster node's own address, or nginx's in
     * front of the nodes.
     */
    PayerAccessApi through(String keycloakUrl) {
        return new PayerAccessApi(keycloakUrl, realm, plan, accessToken, headers);
    }

    /** The same API called with {@code Authorization: Bearer {accessToken}}, whatever the token is (even empty). */
    PayerAccessApi as(String accessToken) {
        return new PayerAccessApi(keycloakUrl, realm, plan, Optional.of(accessToken), headers);
    }

    /** The same API sending one more header on every request, e.g. {@code If-None-Match}. */
    PayerAccessApi withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new PayerAccessApi(keycloakUrl, realm, plan, accessToken, more);
    }

    /** {@code {keycloak}/realms/{realm}/payer-access/{path}} */
    String url(String path) {
        return base + "/" + path;
    }

    /** The FHIR proxy of the plan {@code alias}: {@code fhir/{alias}/...}. */
    Fhir fhir(String alias) {
        return new Fhir(url("fhir/" + alias));
    }

    /** The caller's linked plans: {@code links}. */
    Links links() {
        return new Links();
    }

    /** {@code GET payers}: the realm's public plan directory. */
    ApiResponse payers() throws IOException, InterruptedException {
        return get("payers");
    }

    /** {@code GET connect?{query}}: the plan picker an app sends its member to. */
    ApiResponse connect(String query) throws IOException, InterruptedException {
        return get(query.isEmpty() ? "connect" : "connect?" + query);
    }

    /** {@code GET {path}} under the API, also for paths it does not have. */
    ApiResponse get(String path) throws IOException, InterruptedException {
        return exchange("GET", url(path), null, null);
    }

    private ApiResponse exchange(String method, String url, String contentType, String body)
        throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method,
            body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        accessToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        headers.forEach(request::header);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return ApiResponse.send(request.build(), plan);
    }

    /** One plan's FHIR R4 base on the proxy. */
    final class Fhir {

        private final String base;

        private Fhir(String base) {
            this.base = base;
        }

        /** {@code {keycloak}/realms/{realm}/payer-access/fhir/{alias}}: what an app configures as its FHIR base. */
        String base() {
            return base;
        }

        ApiResponse get(String pathAndQuery) throws IOException, InterruptedException {
            return exchange("GET", base + "/" + pathAndQuery, null, null);
        }

        ApiResponse head(String pathAndQuery) throws IOException, InterruptedException {
            return exchange("HEAD", base + "/" + pathAndQuery, null, null);
        }

        /** {@code POST {type}/_search} with a form-encoded body, as FHIR allows a search to be sent. */
        ApiResponse search(String type, String form) throws IOException, InterruptedException {
            return exchange("POST", base + "/" + type + "/_search", "application/x-www-form-urlencoded", form);
        }

        /** Any method with a body, e.g. the writes the proxy refuses. */
        ApiResponse send(String method, String pathAndQuery, String contentType, String body)
            throws IOException, InterruptedException {
            return exchange(method, base + "/" + pathAndQuery, contentType, body);
        }

        /** An unmodified HAPI FHIR client with this base and the caller's token, as a FHIR app would use. */
        IGenericClient hapiClient() {
            IGenericClient client = FHIR.newRestfulGenericClient(base);
            accessToken.ifPresent(token -> client.registerInterceptor(new BearerTokenAuthInterceptor(token)));
            return client;
        }
    }

    /** {@code links}: what the caller has linked, and unlinking. */
    final class Links {

        private Links() {
        }

        /** {@code GET links} */
        ApiResponse list() throws IOException, InterruptedException {
            return get("links");
        }

        /** {@code DELETE links/{alias}}: unlink, revoking at the plan first. */
        ApiResponse delete(String alias) throws IOException, InterruptedException {
            return exchange("DELETE", url("links/" + alias), null, null);
        }
    }
}
