package dev.payeraccess.sandbox.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plan that has Patient/[id]/$everything, and by default the one that has not. */
class EverythingOperationTest {

    private static final String PATIENT = TestMembers.DELMAR.patientId();

    private static FhirSandbox sandbox;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        sandbox = FhirSandbox.start();
        token = sandbox.issue(TestMembers.DELMAR, Track.TEST);
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
    }

    @AfterEach
    void reset() {
        sandbox.controls().reset();
    }

    @Test
    void byDefaultThePlanNeitherDeclaresNorServesIt() throws Exception {
        assertFalse(declaresEverything());
        assertEquals(400, sandbox.get("/Patient/" + PATIENT + "/$everything", token).statusCode());
    }

    @Test
    void switchedOnItIsDeclaredServedNarrowedByTypeAndPaged() throws Exception {
        sandbox.controls().everythingOperation(true);

        assertTrue(declaresEverything());
        Set<String> types = new HashSet<>();
        int entries = 0;
        int pages = 0;
        String next = "/Patient/" + PATIENT + "/$everything?_count=5";
        while (next != null) {
            HttpResponse<String> answer = sandbox.get(next, token);
            assertEquals(200, answer.statusCode(), answer::body);
            Bundle page = FhirSandbox.FHIR.newJsonParser().parseResource(Bundle.class, answer.body());
            page.getEntry().forEach(e -> types.add(e.getResource().fhirType()));
            entries += page.getEntry().size();
            pages++;
            next = page.getLink(Bundle.LINK_NEXT) == null ? null : page.getLink(Bundle.LINK_NEXT).getUrl();
        }
        assertTrue(pages > 1, "paged: " + pages);
        assertTrue(types.containsAll(Set.of("Patient", "Coverage", "ExplanationOfBenefit", "Organization")),
            types.toString());
        Bundle claims = FhirSandbox.FHIR.newJsonParser().parseResource(Bundle.class, sandbox.get("/Patient/" + PATIENT
            + "/$everything?_type=ExplanationOfBenefit&_count=500", token).body());
        assertTrue(claims.getEntry().stream().allMatch(e -> e.getResource().fhirType().equals("ExplanationOfBenefit")));
        assertTrue(claims.getEntry().size() > 5 && claims.getEntry().size() < entries, claims.getEntry().size()
            + " of " + entries);
        assertEquals(404, sandbox.get("/Patient/" + TestMembers.SHERIE.patientId() + "/$everything", token)
            .statusCode());
    }

    private static boolean declaresEverything() throws Exception {
        CapabilityStatement statement = FhirSandbox.FHIR.newJsonParser().parseResource(CapabilityStatement.class,
            sandbox.get("/metadata", null).body());
        return statement.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals("Patient"))
            .flatMap(r -> r.getOperation().stream()).anyMatch(o -> o.getName().equals("everything"));
    }
}
