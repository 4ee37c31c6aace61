package dev.payeraccess.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.SandboxSettings;
import dev.payeraccess.sandbox.Track;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A realm of its own for one test: a user with a password, a public app client that may list the user's
 * plans ({@code payer-links:read} is one of its default scopes), and health plans pointing at the sandbox's
 * tracks. Created through the admin REST API, like an administrator would.
 */
final class TestRealm {

    static final String APP_CLIENT = "app";
    /** A public client with direct grants, so tests get tokens with exactly the scopes they need. */
    static final String SCOPED_CLIENT = "scoped-app";
    /** SMART scopes the realm offers, as an organization would configure them for its apps. */
    static final List<String> SMART_SCOPES = List.of("patient/*.read", "user/*.read",
        "patient/ExplanationOfBenefit.read", "patient/Coverage.read", "patient/Patient.read",
        "patient/ExplanationOfBenefit.rs", "patient/Coverage.write", "patient/*.rs", "payer-links:manage");
    /** The client scope that lets a token list the user's plans; every test realm has it. */
    static final String LINKS_READ_SCOPE = "payer-links:read";
    static final String APP_REDIRECT = "http://127.0.0.1:9/app/callback";
    static final String USER = "member";
    static final String PASSWORD = "member-password";

    final String name;
    /** The admin API below {@code /admin/realms/{name}}. */
    final KeycloakAdmin.Realm admin;
    final KeycloakStack stack;

    private TestRealm(String name, KeycloakAdmin.Realm admin, KeycloakStack stack) {
        this.name = name;
        this.admin = admin;
        this.stack = stack;
    }

    static TestRealm create(KeycloakStack stack, String prefix) throws Exception {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        KeycloakAdmin.Realm admin = new KeycloakAdmin(stack.keycloak()).realm(name);
        admin.server().post("/admin/realms", Map.of("realm", name, "enabled", true, "eventsEnabled", true)).expect(201);
        admin.post("clients", Map.of("clientId", APP_CLIENT, "publicClient", true,
            "redirectUris", List.of(APP_REDIRECT), "standardFlowEnabled", true)).expect(201);
        TestRealm realm = new TestRealm(name, admin, stack);
        realm.addUser(USER);
        admin.put("clients/" + realm.clientUuid(APP_CLIENT) + "/default-client-scopes/"
            + realm.addClientScope(LINKS_READ_SCOPE), null).expect(204);
        return realm;
    }

    /** The extension's API of this realm, anonymous until {@link PayerAccessApi#as(String)}. */
    PayerAccessApi api() {
        return PayerAccessApi.of(stack, name);
    }

    /**
     * Adds {@link #SMART_SCOPES} as client scopes (in the token's {@code scope} when requested) and
     * {@link #SCOPED_CLIENT}, which may request them and {@link #LINKS_READ_SCOPE}; the app client gets
     * {@code patient/*.read} by default.
     */
    void addSmartScopes() throws Exception {
        admin.post("clients", Map.of("clientId", SCOPED_CLIENT, "publicClient", true, "directAccessGrantsEnabled", true,
            "standardFlowEnabled", false)).expect(201);
        String scoped = clientUuid(SCOPED_CLIENT);
        String app = clientUuid(APP_CLIENT);
        admin.put("clients/" + scoped + "/optional-client-scopes/" + clientScopeId(LINKS_READ_SCOPE), null).expect(204);
        for (String scope : SMART_SCOPES) {
            String id = addClientScope(scope);
            admin.put("clients/" + scoped + "/optional-client-scopes/" + id, null).expect(204);
            if (scope.equals("patient/*.read")) {
                admin.put("clients/" + app + "/default-client-scopes/" + id, null).expect(204);
            }
        }
    }

    /** An access token of {@code username} through {@link #SCOPED_CLIENT}, with {@code scope} requested. */
    String token(String username, String scope) throws Exception {
        return token(SCOPED_CLIENT, username, scope);
    }

    /** An access token of {@code username} through the public direct-grant client {@code clientId}. */
    String token(String clientId, String username, String scope) throws Exception {
        ApiResponse response = ApiResponse.send(HttpRequest.newBuilder(URI.create(stack.keycloak().baseUrl()
                + "/realms/" + name + "/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=" + clientId
                + "&username=" + username + "&password=" + PASSWORD + "&scope="
                + URLEncoder.encode(scope, StandardCharsets.UTF_8))).build());
        if (response.status() != 200) {
            throw new AssertionError("password grant failed: " + response);
        }
        return response.json().get("access_token").asText();
    }

    /** A client scope that appears in the token's {@code scope} when granted; returns its id. */
    String addClientScope(String scope) throws Exception {
        admin.post("client-scopes", Map.of("name", scope, "protocol", "openid-connect", "attributes",
            Map.of("include.in.token.scope", "true", "display.on.consent.screen", "false"))).expect(201);
        return clientScopeId(scope);
    }

    String clientScopeId(String scope) throws Exception {
        return admin.get("client-scopes").findParents("name").stream()
            .filter(n -> n.get("name").asText().equals(scope)).findFirst().orElseThrow().get("id").asText();
    }

    String clientUuid(String clientId) throws Exception {
        return admin.get("clients?clientId=" + clientId).get(0).get("id").asText();
    }

    /** A user with {@link #PASSWORD} as password. */
    void addUser(String username) throws Exception {
        admin.post("users", Map.of("username", username, "enabled", true, "email", username + "@example.org",
            "emailVerified", true, "firstName", "Pat", "lastName", "Member",
            "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)))).expect(201);
    }

    /** {@link #plan(String, Track)} with {@code change} applied to its {@code config}. */
    Map<String, Object> plan(String alias, Track track, Consumer<Map<String, String>> change) {
        Map<String, Object> plan = plan(alias, track);
        @SuppressWarnings("unchecked")
        Map<String, String> config = (Map<String, String>) plan.get("config");
        change.accept(config);
        return plan;
    }

    /** A plan on {@code track} of the sandbox with every endpoint given explicitly. */
    Map<String, Object> plan(String alias, Track track) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("fhirBaseUrl", stack.sandbox().urls().fhirBase());
        config.put("authorizationUrl", stack.sandbox().urls().authorize(track));
        config.put("tokenUrl", stack.sandbox().urls().token());
        config.put("revocationUrl", stack.sandbox().urls().revocation());
        config.put("clientId", SandboxSettings.KEYCLOAK_CLIENT.clientId());
        config.put("clientSecret", SandboxSettings.KEYCLOAK_CLIENT.clientSecret());
        config.put("defaultScope", track.defaultScope() + " openid");
        Map<String, Object> idp = new LinkedHashMap<>();
        idp.put("alias", alias);
        idp.put("displayName", "Demo Health Plan (" + track.systemId() + ")");
        idp.put("providerId", "payer");
        idp.put("enabled", true);
        idp.put("config", config);
        return idp;
    }

    void addPlan(Map<String, Object> plan) throws Exception {
        admin.post("identity-provider/instances", plan).expect(201);
    }

    String userId() throws Exception {
        return userId(USER);
    }

    String userId(String username) throws Exception {
        return admin.get("users?exact=true&username=" + username).get(0).get("id").asText();
    }

    JsonNode links() throws Exception {
        return links(USER);
    }

    JsonNode links(String username) throws Exception {
        return admin.get("users/" + userId(username) + "/federated-identity");
    }

    void delete() throws Exception {
        admin.delete("");
    }
}
