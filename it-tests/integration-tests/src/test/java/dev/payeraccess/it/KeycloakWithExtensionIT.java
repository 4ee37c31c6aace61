package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.launch.BuildLayout;
import dev.payeraccess.launch.KeycloakStack;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real Keycloak distribution starts with nothing but our one JAR added, and loads what it holds. */
@ExtendWith(PayerAccessStack.class)
class KeycloakWithExtensionIT {

    @Test
    void providersFolderHoldsOnlyTheOneExtensionJar() throws Exception {
        Path providers = BuildLayout.fromBuild().keycloakHome().resolve("providers");
        List<String> jars;
        try (var files = java.nio.file.Files.list(providers)) {
            jars = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
        }
        assertEquals(List.of("keycloak-payer-access.jar"), jars);
    }

    @Test
    void serverInfoListsTheRealmResourceAndTheTheme(KeycloakStack stack) throws Exception {
        JsonNode info = new KeycloakAdmin(stack.keycloak()).get("/admin/serverinfo");

        JsonNode realmResources = info.at("/providers/realm-restapi-extension/providers");
        assertTrue(realmResources.has("payer-access"), "realm-restapi-extension providers: " + realmResources);
        JsonNode loginThemes = info.at("/themes/login");
        assertTrue(StreamSupport.stream(loginThemes.spliterator(), false)
            .anyMatch(t -> t.get("name").asText().equals("payer-access")), "login themes: " + loginThemes);
    }

    @Test
    void unknownApiPathAnswersWithOperationOutcomeFromShadedHapi(KeycloakStack stack) throws Exception {
        ApiResponse response = PayerAccessApi.of(stack, KeycloakStack.DEMO_REALM).get("no-such-thing");

        assertEquals(404, response.status(), response::toString);
        assertTrue(response.header("Content-Type").orElse("").startsWith("application/fhir+json"));
        OperationOutcome outcome = FhirContext.forR4Cached().newJsonParser()
            .parseResource(OperationOutcome.class, response.body());
        assertEquals(OperationOutcome.IssueType.NOTFOUND, outcome.getIssueFirstRep().getCode());
        assertTrue(outcome.getIssueFirstRep().getDiagnostics().contains("no-such-thing"));
    }

    @Test
    void demoRealmFromRealmConfigIsImported(KeycloakStack stack) throws Exception {
        JsonNode realm = new KeycloakAdmin(stack.keycloak()).realm(KeycloakStack.DEMO_REALM).get("");

        assertEquals("payer-access", realm.get("loginTheme").asText());
        assertTrue(realm.get("eventsEnabled").asBoolean());
    }

    @Test
    void startupLogShowsNoErrors(KeycloakStack stack) throws Exception {
        String log = stack.keycloak().logText();
        int started = log.indexOf("Listening on: http://");

        assertTrue(started > 0, "Keycloak log should show the started HTTP listener");
        assertFalse(log.substring(0, started).contains("ERROR"), "Keycloak logged errors while starting:\n" + log);
    }
}
