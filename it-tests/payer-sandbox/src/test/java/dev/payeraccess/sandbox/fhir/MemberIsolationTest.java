package dev.payeraccess.sandbox.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MemberIsolationTest {

    private static final String MAYTE = TestMembers.MAYTE.patientId();
    private static final String SHERIE = TestMembers.SHERIE.patientId();

    private static FhirSandbox sandbox;
    private static String mayteToken;
    private static IGenericClient mayte;

    @BeforeAll
    static void start() throws Exception {
        sandbox = FhirSandbox.start();
        mayteToken = sandbox.issue(TestMembers.MAYTE, Track.TEST);
        mayte = sandbox.client(mayteToken);
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
    }

    @Test
    void memberReadsOwnPatient() {
        Patient patient = mayte.read().resource(Patient.class).withId(MAYTE).execute();

        assertEquals("Venegas795", patient.getNameFirstRep().getFamily());
        assertEquals("Mayte822", patient.getNameFirstRep().getGivenAsSingleString());
        assertEquals("2011-01-04", patient.getBirthDateElement().getValueAsString());
        assertEquals("female", patient.getGender().toCode());
        assertEquals("02116", patient.getAddressFirstRep().getPostalCode());
        Identifier memberId = patient.getIdentifierFirstRep();
        assertEquals("01-testmemid", memberId.getValue());
        Coding type = memberId.getType().getCodingFirstRep();
        assertEquals("http://terminology.hl7.org/CodeSystem/v2-0203", type.getSystem());
        assertEquals("MB", type.getCode());
        assertTrue(patient.getMeta().hasProfile("http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Patient"));
    }

    @Test
    void anotherMembersPatientIsIndistinguishableFromANonexistentOne() throws Exception {
        HttpResponse<String> other = sandbox.get("/Patient/" + SHERIE, mayteToken);
        HttpResponse<String> madeUp = sandbox.get("/Patient/no-such-member", mayteToken);

        assertEquals(404, other.statusCode());
        assertEquals(404, madeUp.statusCode());
        assertEquals(diagnostics(madeUp).replace("no-such-member", SHERIE), diagnostics(other));
    }

    @Test
    void anotherMembersClaimIsNotFound() {
        String sheriesClaim = firstClaimIdOf(sandbox.client(sandbox.issue(TestMembers.SHERIE, Track.TEST)));

        assertThrows(ResourceNotFoundException.class,
            () -> mayte.read().resource(ExplanationOfBenefit.class).withId(sheriesClaim).execute());
        assertThrows(ResourceNotFoundException.class,
            () -> mayte.read().resource(ExplanationOfBenefit.class).withIdAndVersion(sheriesClaim, "1").execute());
    }

    @Test
    void searchingForAnotherMemberFindsNothing() {
        for (String query : List.of("ExplanationOfBenefit?patient=" + SHERIE,
            "ExplanationOfBenefit?patient=Patient/" + SHERIE, "Coverage?beneficiary=" + SHERIE,
            "Coverage?patient=" + SHERIE, "Patient?_id=" + SHERIE)) {
            Bundle result = mayte.search().byUrl(query).returnBundle(Bundle.class).execute();

            assertEquals(0, result.getTotal(), query);
            assertTrue(result.getEntry().isEmpty(), query);
        }
    }

    @Test
    void searchWithoutPatientReturnsOnlyOwnRecords() {
        Bundle claims = mayte.search().forResource(ExplanationOfBenefit.class).count(100).returnBundle(Bundle.class)
            .execute();
        Bundle coverages = mayte.search().forResource(Coverage.class).returnBundle(Bundle.class).execute();
        Bundle patients = mayte.search().forResource(Patient.class).returnBundle(Bundle.class).execute();

        assertFalse(claims.getEntry().isEmpty());
        claims.getEntry().forEach(e ->
            assertEquals("Patient/" + MAYTE, ((ExplanationOfBenefit) e.getResource()).getPatient().getReference()));
        coverages.getEntry().forEach(e ->
            assertEquals("Patient/" + MAYTE, ((Coverage) e.getResource()).getBeneficiary().getReference()));
        assertEquals(1, patients.getTotal());
        assertEquals(MAYTE, patients.getEntryFirstRep().getResource().getIdElement().getIdPart());
    }

    @Test
    void ownPatientSearchByIdOrPatientParameterFindsOwnRecords() {
        Bundle byId = mayte.search().byUrl("Patient?_id=" + MAYTE).returnBundle(Bundle.class).execute();
        Bundle byPatient = mayte.search().byUrl("ExplanationOfBenefit?patient=" + MAYTE).returnBundle(Bundle.class)
            .execute();

        assertEquals(1, byId.getTotal());
        assertTrue(byPatient.getTotal() >= 10);
    }

    @Test
    void vreadReturnsVersionOneOnly() throws Exception {
        Patient patient = mayte.read().resource(Patient.class).withIdAndVersion(MAYTE, "1").execute();

        assertEquals("1", patient.getMeta().getVersionId());
        assertEquals("1", patient.getIdElement().getVersionIdPart());
        assertEquals(404, sandbox.get("/Patient/" + MAYTE + "/_history/2", mayteToken).statusCode());
        HttpResponse<String> raw = sandbox.get("/Patient/" + MAYTE + "/_history/1", mayteToken);
        assertEquals(200, raw.statusCode());
        assertEquals("W/\"1\"", raw.headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void answersFhirJsonWithoutAcceptHeader() throws Exception {
        HttpResponse<String> response = sandbox.get("/Patient/" + MAYTE, mayteToken);

        assertEquals("application/fhir+json;charset=utf-8",
            response.headers().firstValue("Content-Type").orElseThrow().replace(" ", "").toLowerCase());
        assertTrue(response.body().startsWith("{\"resourceType\":\"Patient\""));
    }

    private static String firstClaimIdOf(IGenericClient client) {
        Bundle claims = client.search().forResource(ExplanationOfBenefit.class).returnBundle(Bundle.class).execute();
        return claims.getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    private static String diagnostics(HttpResponse<String> response) {
        return FhirSandbox.FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body())
            .getIssueFirstRep().getDiagnostics();
    }
}
