package dev.payeraccess.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.broker.PlanIdentityProviderFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

/** Which settings a shared plan profile carries, and how a profile replaces a plan's settings. */
class SharedSettingsTest {

    private final SharedSettings profile = SharedSettings.ofPlanForm();

    @Test
    void aProfileHoldsEveryFormSettingButThisOrganizationsOwnDecisions() {
        List<String> form = PlanIdentityProviderFactory.settingsForm().stream().map(ProviderConfigProperty::getName)
            .filter(name -> !name.equals("allowPlanSignIn") && !name.equals("discoveredEndpointsConfirmed")).toList();

        assertEquals(form, profile.keys());
        assertTrue(profile.keys().containsAll(List.of("fhirBaseUrl", "authorizationUrl", "tokenUrl", "revocationUrl",
            "clientAuthMethod", "clientAssertionSigningAlg", "defaultScope", "scopeStyle", "patientSource",
            "refreshTokens", "maxAuthorizationDays", "pagingMode", "offsetParameter", "pagingHosts",
            "maxRequestsPerSecond", "maxConcurrentRequests", "allowedResourceTypes", "upstreamTimeoutMs")),
            profile.keys().toString());
        assertFalse(profile.keys().contains("clientId"));
        assertFalse(profile.keys().contains("clientSecret"));
        assertFalse(profile.keys().contains("discoveredEndpointsConfirmed"),
            "another organization's confirmation of endpoints is not this organization's");
        assertFalse(profile.keys().contains("discoveredEndpoints"));
    }

    @Test
    void aSettingAddedToTheFormIsSharedWithoutFurtherCode() {
        List<ProviderConfigProperty> form = new ArrayList<>(PlanIdentityProviderFactory.settingsForm());
        form.add(property("bulkExportUrl", ProviderConfigProperty.STRING_TYPE));

        assertTrue(SharedSettings.of(form).keys().contains("bulkExportUrl"));
    }

    @Test
    void aSecretFieldOfTheFormIsNeverSharedAndRefusedAsACredential() {
        ProviderConfigProperty flagged = property("signingKey", ProviderConfigProperty.STRING_TYPE);
        flagged.setSecret(true);
        SharedSettings withSecrets = SharedSettings.of(List.of(property("fhirBaseUrl",
            ProviderConfigProperty.STRING_TYPE),
            property("apiKey", ProviderConfigProperty.PASSWORD), flagged));

        assertEquals(List.of("fhirBaseUrl"), withSecrets.keys());
        assertEquals(Map.of("fhirBaseUrl", "https://api.plan.example/r4"), withSecrets.profileOf(Map.of(
            "fhirBaseUrl", "https://api.plan.example/r4", "apiKey", "k", "signingKey", "s")));
        assertTrue(withSecrets.refusal("apiKey", "k").orElseThrow().startsWith("is a credential"));
        assertTrue(withSecrets.refusal("signingKey", "s").orElseThrow().startsWith("is a credential"));
    }

    @Test
    void aPlansProfileLeavesOutCredentialsPolicyEmptyValuesAndVaultReferencesInTheFormsOrder() {
        Map<String, String> config = Map.of("refreshTokens", "rotating", "fhirBaseUrl", "https://api.plan.example/r4",
            "clientId", "our-client", "clientSecret", "s3cr3t", "allowPlanSignIn", "true", "logoUrl", " ",
            "revocationUrl", "${vault.revocation}", "syncMode", "LEGACY", "tokenUrl",
                "https://auth.plan.example/token");

        Map<String, String> shared = profile.profileOf(config);

        assertEquals(List.of("fhirBaseUrl", "tokenUrl", "refreshTokens"), List.copyOf(shared.keySet()));
        assertEquals("rotating", shared.get("refreshTokens"));
    }

    @Test
    void aProfileReplacesTheProfileSettingsAndKeepsCredentialsPolicyAndKeycloaksKeys() {
        Map<String, String> config = new LinkedHashMap<>(Map.of("fhirBaseUrl", "https://old.plan.example/r4",
            "pagingMode", "offset", "clientId", "our-client", "clientSecret", "s3cr3t", "allowPlanSignIn", "true",
            "syncMode", "LEGACY"));

        Map<String, String> replaced = profile.replacedIn(config, Map.of("fhirBaseUrl", "https://api.plan.example/r4",
            "refreshTokens", "none"));

        assertEquals(Map.of("fhirBaseUrl", "https://api.plan.example/r4", "refreshTokens", "none",
            "clientId", "our-client", "clientSecret", "s3cr3t", "allowPlanSignIn", "true", "syncMode", "LEGACY"),
            replaced);
        assertEquals("offset", config.get("pagingMode"), "the plan's own map is left as it was");
    }

    @Test
    void theBrandAPlanWasImportedFromIsNoProfileSettingAndOutlivesAProfileImport() {
        Map<String, String> config = Map.of("fhirBaseUrl", "https://api.plan.example/r4",
            "brandIdentifier", "urn:ietf:rfc:3986|https://plan.example", "brandEndpoint",
                "https://api.plan.example/r4");

        assertFalse(profile.keys().contains("brandIdentifier"));
        assertFalse(profile.keys().contains("brandEndpoint"));
        assertEquals(Map.of("fhirBaseUrl", "https://api.plan.example/r4"), profile.profileOf(config));
        assertEquals(config.get("brandIdentifier"), profile.replacedIn(config, Map.of("fhirBaseUrl",
            "https://api.plan.example/r4")).get("brandIdentifier"));
    }

    @Test
    void everyProfileSettingIsAcceptedAndNothingElse() {
        profile.keys().forEach(key -> assertEquals(Optional.empty(), profile.refusal(key, "value"), key));
        assertTrue(profile.refusal("clientId", "c").orElseThrow().startsWith("is a credential"));
        assertTrue(profile.refusal("allowPlanSignIn", "true").orElseThrow().contains("own decision"));
        assertTrue(profile.refusal("hideOnLoginPage", "true").orElseThrow()
            .startsWith("is not a plan profile setting"));
        assertTrue(profile.refusal("tokenUrl", "${vault.token}").orElseThrow().contains("vault"));
    }

    private static ProviderConfigProperty property(String name, String type) {
        ProviderConfigProperty property = new ProviderConfigProperty();
        property.setName(name);
        property.setType(type);
        return property;
    }
}
