package dev.payeraccess.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** A login that sees one Patient (the default) and one that sees the member's household. */
class SeveralPatientsPerLoginTest extends SandboxTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void byDefaultAPatientSearchFindsTheMemberAlone() throws Exception {
        String token = client.tokensFor(Track.TEST, TestMembers.SHERIE).get("access_token").asText();

        assertEquals(List.of(TestMembers.SHERIE.patientId()), patientIds(token));
    }

    @Test
    void aHouseholdLoginFindsTheMemberAndTheirDependentListedFirst() throws Exception {
        sandbox.controls().severalPatientsPerLogin(true);
        String token = client.tokensFor(Track.TEST, TestMembers.SHERIE).get("access_token").asText();

        List<Patient> patients = patients(token);

        assertTrue(patients.size() >= 2, "member and dependents: " + patients.size());
        assertTrue(patients.stream().anyMatch(p -> p.getIdPart().equals(TestMembers.SHERIE.patientId())));
        Patient dependent = patients.get(0);
        assertNotEquals(TestMembers.SHERIE.patientId(), dependent.getIdPart(), "a dependent comes first");
        assertEquals(TestMembers.SHERIE.lastName(), dependent.getNameFirstRep().getFamily());
        assertEquals(200, client.fhirGet("/Patient/" + dependent.getIdPart(), token).statusCode());
    }

    @Test
    void withoutPatientContextOrIdTokenNothingTellsWhichPatientIsTheMember() throws Exception {
        sandbox.controls().severalPatientsPerLogin(true).patientContextSent(false).idTokenIssued(false);

        JsonNode tokens = client.exchange(client.code(Track.TEST, TestMembers.DELMAR,
            Map.of("scope", "openid patient/*.read")));

        assertFalse(tokens.has("patient"));
        assertFalse(tokens.has("id_token"));
        assertTrue(patientIds(tokens.get("access_token").asText()).size() >= 2);
    }

    @Test
    void theDependentsHaveNoCoverageOfTheirOwnHere() throws Exception {
        sandbox.controls().severalPatientsPerLogin(true);
        String token = client.tokensFor(Track.TEST, TestMembers.SHERIE).get("access_token").asText();

        Bundle coverages = FHIR.newJsonParser().parseResource(Bundle.class, client.fhirGet("/Coverage", token).body());

        assertFalse(coverages.getEntry().isEmpty());
        coverages.getEntry().forEach(e -> assertEquals("Patient/" + TestMembers.SHERIE.patientId(),
            ((Coverage) e.getResource()).getBeneficiary().getReference()));
    }

    @Test
    void anotherMembersDependentsStayInvisible() throws Exception {
        sandbox.controls().severalPatientsPerLogin(true);
        String mayte = client.tokensFor(Track.TEST, TestMembers.MAYTE).get("access_token").asText();
        String sherie = client.tokensFor(Track.TEST, TestMembers.SHERIE).get("access_token").asText();
        String maytesDependent = patientIds(mayte).stream()
            .filter(id -> !id.equals(TestMembers.MAYTE.patientId())).findFirst().orElseThrow();

        HttpResponse<String> read = client.fhirGet("/Patient/" + maytesDependent, sherie);

        assertEquals(404, read.statusCode());
        assertFalse(patientIds(sherie).contains(maytesDependent));
    }

    @Test
    void withDependentsRecordsTheMemberIsSubscriberAndPayeeOfADependentsCoverageAndClaim() throws Exception {
        sandbox.controls().severalPatientsPerLogin(true).dependentsRecords(true);
        String token = client.tokensFor(Track.TEST, TestMembers.SHERIE).get("access_token").asText();
        String sherie = "Patient/" + TestMembers.SHERIE.patientId();
        String dependent = "Patient/" + patientIds(token).get(0);

        List<Coverage> subscribed = resources(Coverage.class, "/Coverage?subscriber=" + sherie, token);
        List<ExplanationOfBenefit> paidToSherie = resources(ExplanationOfBenefit.class,
            "/ExplanationOfBenefit?payee=" + sherie, token);

        assertTrue(subscribed.stream().anyMatch(c -> c.getBeneficiary().getReference().equals(dependent)
            && c.getPolicyHolder().getReference().equals(sherie)), "a dependent's coverage names the subscriber");
        assertEquals(List.of(dependent), paidToSherie.stream().map(e -> e.getPatient().getReference()).toList());
        assertTrue(resources(Coverage.class, "/Coverage?beneficiary=" + sherie, token).stream()
            .allMatch(c -> c.getBeneficiary().getReference().equals(sherie)));
        assertTrue(resources(ExplanationOfBenefit.class, "/ExplanationOfBenefit?patient=" + sherie, token).stream()
            .allMatch(e -> e.getPatient().getReference().equals(sherie)));
    }

    @Test
    void withoutSeveralPatientsPerLoginTheDependentsRecordsStayHidden() throws Exception {
        sandbox.controls().dependentsRecords(true);
        String token = client.tokensFor(Track.TEST, TestMembers.SHERIE).get("access_token").asText();
        String sherie = "Patient/" + TestMembers.SHERIE.patientId();

        assertTrue(resources(Coverage.class, "/Coverage", token).stream()
            .allMatch(c -> c.getBeneficiary().getReference().equals(sherie)));
        assertTrue(resources(ExplanationOfBenefit.class, "/ExplanationOfBenefit?_count=100", token).stream()
            .allMatch(e -> e.getPatient().getReference().equals(sherie)));
    }

    private static <T extends Resource> List<T> resources(Class<T> type, String search, String token)
        throws Exception {
        HttpResponse<String> response = client.fhirGet(search, token);
        assertEquals(200, response.statusCode(), response.body());
        return FHIR.newJsonParser().parseResource(Bundle.class, response.body()).getEntry().stream()
            .map(e -> type.cast(e.getResource())).toList();
    }

    private static List<String> patientIds(String token) throws Exception {
        return patients(token).stream().map(Patient::getIdPart).toList();
    }

    private static List<Patient> patients(String token) throws Exception {
        HttpResponse<String> response = client.fhirGet("/Patient", token);
        assertEquals(200, response.statusCode(), response.body());
        return FHIR.newJsonParser().parseResource(Bundle.class, response.body()).getEntry().stream()
            .map(e -> (Patient) e.getResource()).toList();
    }
}
