package dev.payeraccess.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmartConfigurationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsEndpointsAndPkceMethods() throws Exception {
        SmartConfiguration smart = SmartConfiguration.parse(JSON.readTree("""
            {"authorization_endpoint":"https://auth.plan.example/oauth2/authorize/test",
             "token_endpoint":"https://auth.plan.example/oauth2/token",
             "revocation_endpoint":"https://auth.plan.example/oauth2/revoke",
             "code_challenge_methods_supported":["S256"],
             "scopes_supported":["openid","patient/*.read"]}"""));

        assertEquals("https://auth.plan.example/oauth2/authorize/test", smart.authorizationEndpoint());
        assertEquals("https://auth.plan.example/oauth2/token", smart.tokenEndpoint());
        assertEquals(Optional.of("https://auth.plan.example/oauth2/revoke"), smart.revocationEndpoint());
        assertFalse(smart.refusesS256());
    }

    @Test
    void readsClientAuthenticationMethodsAndCapabilities() throws Exception {
        SmartConfiguration smart = SmartConfiguration.parse(JSON.readTree("""
            {"authorization_endpoint":"https://a.example/authorize","token_endpoint":"https://a.example/token",
             "token_endpoint_auth_methods_supported":["client_secret_basic","private_key_jwt"],
             "capabilities":["launch-standalone","permission-v2"]}"""));

        assertEquals(List.of("client_secret_basic", "private_key_jwt"), smart.tokenEndpointAuthMethods());
        assertEquals(List.of("launch-standalone", "permission-v2"), smart.capabilities());
        assertEquals(List.of(), smart.scopesSupported());
    }

    @Test
    void aDocumentWithoutTokenEndpointIsRefusedByName() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SmartConfiguration.parse(
            JSON.readTree("{\"authorization_endpoint\":\"https://a.example/authorize\"}")));

        assertEquals("it has no token_endpoint", e.getMessage());
    }

    @Test
    void aDocumentListingOnlyPlainPkceRefusesS256() throws Exception {
        SmartConfiguration smart = SmartConfiguration.parse(JSON.readTree("""
            {"authorization_endpoint":"https://a.example/authorize","token_endpoint":"https://a.example/token",
             "code_challenge_methods_supported":["plain"]}"""));

        assertTrue(smart.refusesS256());
        assertEquals(Optional.empty(), smart.revocationEndpoint());
    }

    @Test
    void notAnObjectIsRefused() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> SmartConfiguration.parse(JSON.readTree("[1,2]")));
    }
}
