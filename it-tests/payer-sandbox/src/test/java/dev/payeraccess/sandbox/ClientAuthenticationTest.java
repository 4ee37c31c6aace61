package dev.payeraccess.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.sandbox.control.ClientAuthMethod;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Client secrets in the form and in HTTP Basic at a lenient plan (the default) and at strict ones. */
class ClientAuthenticationTest extends SandboxTest {

    private static final String ID = SandboxSettings.KEYCLOAK_CLIENT.clientId();
    private static final String SECRET = SandboxSettings.KEYCLOAK_CLIENT.clientSecret();
    private static final Map<String, String> WITH_BASIC = SandboxClient.basic(ID, SECRET);

    @Test
    void byDefaultTheFormSecretAndHttpBasicAreBothAccepted() throws Exception {
        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.GEORGE);

        HttpResponse<String> viaBasic = client.post(sandbox.urls().token(), Map.of("grant_type", "refresh_token",
            "refresh_token", tokens.get("refresh_token").asText()), WITH_BASIC);

        assertEquals(200, viaBasic.statusCode(), viaBasic.body());
    }

    @Test
    void aBasicOnlyPlanRefusesTheFormSecretNamingHttpBasic() throws Exception {
        sandbox.controls().clientAuthentication(ClientAuthMethod.CLIENT_SECRET_BASIC_ONLY);

        HttpResponse<String> viaForm = client.token(Map.of("grant_type", "refresh_token", "refresh_token", "x"));
        HttpResponse<String> viaBasic = client.post(sandbox.urls().token(),
            Map.of("grant_type", "refresh_token", "refresh_token", "x"), WITH_BASIC);

        assertInvalidClient(viaForm, "This plan authenticates clients with client_secret_basic (HTTP Basic).");
        assertEquals("invalid_grant", error(viaBasic), "authenticated; only the refresh token is unknown");
    }

    @Test
    void aPostOnlyPlanRefusesHttpBasicNamingTheFormSecret() throws Exception {
        sandbox.controls().clientAuthentication(ClientAuthMethod.CLIENT_SECRET_POST_ONLY);

        HttpResponse<String> viaBasic = client.post(sandbox.urls().token(),
            Map.of("grant_type", "refresh_token", "refresh_token", "x"), WITH_BASIC);
        HttpResponse<String> viaForm = client.token(Map.of("grant_type", "refresh_token", "refresh_token", "x"));

        assertInvalidClient(viaBasic, "This plan authenticates clients with client_secret_post (client_id and "
            + "client_secret in the form body).");
        assertEquals("invalid_grant", error(viaForm));
    }

    @Test
    void aPrivateKeyJwtOnlyPlanRefusesEveryClientSecret() throws Exception {
        sandbox.controls().clientAuthentication(ClientAuthMethod.PRIVATE_KEY_JWT_ONLY);

        HttpResponse<String> viaForm = client.token(Map.of("grant_type", "refresh_token", "refresh_token", "x"));
        HttpResponse<String> viaBasic = client.post(sandbox.urls().token(),
            Map.of("grant_type", "refresh_token", "refresh_token", "x"), WITH_BASIC);

        for (HttpResponse<String> refused : List.of(viaForm, viaBasic)) {
            assertEquals(401, refused.statusCode());
            assertTrue(description(refused).startsWith("This plan authenticates clients with private_key_jwt"),
                refused.body());
        }
    }

    @Test
    void theRevocationEndpointAuthenticatesTheSameWay() throws Exception {
        JsonNode tokens = client.tokensFor(Track.TEST, TestMembers.GEORGE);
        sandbox.controls().clientAuthentication(ClientAuthMethod.CLIENT_SECRET_BASIC_ONLY);
        Map<String, String> revoke = Map.of("token", tokens.get("refresh_token").asText());

        HttpResponse<String> viaForm = client.post(sandbox.urls().revocation(), withSecretInForm(revoke));
        boolean activeAfterRefusal = sandbox.grants().isActive(tokens.get("refresh_token").asText());
        HttpResponse<String> viaBasic = client.post(sandbox.urls().revocation(), revoke, WITH_BASIC);

        assertInvalidClient(viaForm, "This plan authenticates clients with client_secret_basic (HTTP Basic).");
        assertTrue(activeAfterRefusal);
        assertEquals(200, viaBasic.statusCode());
        assertFalse(sandbox.grants().isActive(tokens.get("refresh_token").asText()));
    }

    @Test
    void aWrongSecretInHttpBasicIsInvalidClientAndNotEchoed() throws Exception {
        HttpResponse<String> response = client.post(sandbox.urls().token(),
            Map.of("grant_type", "refresh_token", "refresh_token", "x"), SandboxClient.basic(ID, "wrong-secret-123"));

        assertInvalidClient(response, "Unknown client or wrong client secret.");
        assertFalse(response.body().contains("wrong-secret-123"));
    }

    @Test
    void twoAuthenticationMethodsInOneRequestAreRefused() throws Exception {
        HttpResponse<String> response = client.post(sandbox.urls().token(),
            withSecretInForm(Map.of("grant_type", "refresh_token", "refresh_token", "x")), WITH_BASIC);

        assertEquals(400, response.statusCode());
        assertEquals("invalid_request", error(response));
    }

    @Test
    void aFormClientIdOtherThanTheBasicOneIsRefused() throws Exception {
        HttpResponse<String> response = client.post(sandbox.urls().token(),
            Map.of("grant_type", "refresh_token", "refresh_token", "x", "client_id", "someone-else"), WITH_BASIC);

        assertEquals(401, response.statusCode());
        assertEquals("invalid_client", error(response));
    }

    @Test
    void discoveryListsTheMethodsThePlanAcceptsNow() throws Exception {
        String url = sandbox.urls().fhirBase() + "/.well-known/smart-configuration";
        JsonNode lenient = SandboxClient.JSON.readTree(client.get(url).body());
        sandbox.controls().clientAuthentication(ClientAuthMethod.CLIENT_SECRET_BASIC_ONLY);
        JsonNode strict = SandboxClient.JSON.readTree(client.get(url).body());

        assertEquals("[\"client_secret_post\",\"client_secret_basic\",\"private_key_jwt\"]",
            lenient.get("token_endpoint_auth_methods_supported").toString());
        assertTrue(lenient.get("token_endpoint_auth_signing_alg_values_supported").toString().contains("ES384"));
        assertEquals("[\"client_secret_basic\"]", strict.get("token_endpoint_auth_methods_supported").toString());
        assertFalse(strict.has("token_endpoint_auth_signing_alg_values_supported"));
        assertFalse(strict.get("capabilities").toString().contains("client-confidential-asymmetric"));
    }

    private static Map<String, String> withSecretInForm(Map<String, String> form) {
        Map<String, String> all = new LinkedHashMap<>(form);
        all.put("client_id", ID);
        all.put("client_secret", SECRET);
        return all;
    }

    private static void assertInvalidClient(HttpResponse<String> response, String description) throws Exception {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("invalid_client", error(response));
        assertEquals(description, description(response));
    }

    private static String error(HttpResponse<String> response) throws Exception {
        return SandboxClient.JSON.readTree(response.body()).path("error").asText();
    }

    private static String description(HttpResponse<String> response) throws Exception {
        return SandboxClient.JSON.readTree(response.body()).path("error_description").asText();
    }
}
