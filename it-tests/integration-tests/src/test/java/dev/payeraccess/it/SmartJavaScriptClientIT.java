package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An app developer points the SMART on FHIR JavaScript client (npm {@code fhirclient} 2.6.3, unmodified, run by
 * Node) at the proxy: it reads the patient, then searches each allowed type for the patient and follows every
 * {@code next} link. The client finds each type's patient search parameter in the proxy's CapabilityStatement, so
 * that statement must declare the plan's searches. It also reads the member's prior authorizations as
 * {@code ExplanationOfBenefit?use=preauthorization}, over the short pages the proxy's filter leaves.
 */
@ExtendWith(PayerAccessStack.class)
class SmartJavaScriptClientIT {

    private static final List<String> PATIENT_TYPES = List.of("Patient", "Coverage", "ExplanationOfBenefit");
    /** Prior authorizations (Da Vinci PDex), which R4 cannot search by itself: the proxy answers {@code use}. */
    private static final String PRIOR_AUTHORIZATIONS = "ExplanationOfBenefit?use=preauthorization";

    @Test
    void theSmartJavaScriptClientReadsEveryAllowedTypeThroughTheProxy(KeycloakStack stack) throws Exception {
        Path client = installClient(stack.workDir().resolve("smart-js"));
        TestRealm realm = TestRealm.create(stack, "smartjs");
        realm.addSmartScopes();
        realm.addPlan(realm.plan("plan", Track.TEST));
        MemberLinking walk = new MemberLinking(stack);
        KeycloakBrowser browser = new KeycloakBrowser();
        String token = walk.appAccessToken(realm, walk.link(realm, "plan", TestMembers.SHERIE, browser), browser);
        // What the health probe does every few minutes: read (and cache) the plan's own CapabilityStatement.
        realm.admin.post("payer-access/plans/plan/health", null).expect(200);
        String base = stack.keycloak().baseUrl() + "/realms/" + realm.name + "/payer-access/fhir/plan";

        JsonNode metadata = ApiResponse.JSON.readTree(realm.api().fhir("plan").get("metadata").expect(200).body());
        List<String> declared = new java.util.ArrayList<>();
        metadata.path("rest").path(0).path("resource").forEach(r -> declared.add(r.path("type").asText()));
        // The sandbox, like many plans, serves no PractitionerRole: the proxy does not declare what the plan lacks.
        assertFalse(declared.contains("PractitionerRole"), declared.toString());
        List<String> others = declared.stream().filter(t -> !PATIENT_TYPES.contains(t)).toList();
        assertTrue(others.containsAll(List.of("Organization", "Practitioner", "Location")), declared.toString());
        JsonNode result = run(client, base, token, TestMembers.SHERIE.patientId(), others);

        assertEquals(TestMembers.SHERIE.patientId(), result.get("patient").asText());
        for (String type : PATIENT_TYPES) {
            JsonNode read = result.path("types").path(type);
            assertFalse(read.has("error"), type + ": " + read + "; the proxy's metadata: " + metadata);
            assertTrue(read.get("entries").asInt() > 0, type + ": " + read);
        }
        assertTrue(result.path("types").path("ExplanationOfBenefit").get("pages").asInt() > 1,
            "next links followed: " + result);
        JsonNode authorizations = result.path("types").path(PRIOR_AUTHORIZATIONS);
        assertEquals(3, authorizations.path("entries").asInt(), "each of the member's, once: " + authorizations);
        assertEquals("[\"preauthorization\"]", authorizations.path("uses").toString(), authorizations.toString());
        assertTrue(authorizations.path("pages").asInt() > 1, "short pages followed to the end: " + authorizations);
        for (String type : others) {
            assertFalse(result.path("types").path(type).has("error"), type + ": " + result.path("types").path(type));
        }
        realm.delete();
    }

    /** {@code npm ci} of the committed lockfile, once per build directory; needs the npm registry. */
    private static Path installClient(Path dir) throws IOException, InterruptedException {
        // The client's peer dependencies serve React Native; a Node app does not need them.
        return NodeScripts.install(dir, Path.of("src/test/js"), "fhirclient",
            List.of("package.json", "package-lock.json", "smart-client-check.js"), "--omit=peer");
    }

    private static JsonNode run(Path dir, String base, String token, String patient, List<String> others)
        throws Exception {
        List<String> patientScoped = new java.util.ArrayList<>(PATIENT_TYPES);
        patientScoped.add(PRIOR_AUTHORIZATIONS);
        String out = NodeScripts.run(dir, List.of("node", "smart-client-check.js", base, token, patient,
            String.join(",", patientScoped), String.join(",", others)), 120);
        return NodeScripts.lastJsonLine(out, "the client");
    }

}
