package dev.payeraccess.sandbox.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import dev.payeraccess.sandbox.TestMember;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticRecordsTest {

    private static final String CARIN =
        "http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit-";
    private static final Map<String, String> TYPE_BY_PROFILE = Map.of(
        CARIN + "Inpatient-Institutional", "institutional/inpatient",
        CARIN + "Outpatient-Institutional", "institutional/outpatient",
        CARIN + "Professional-NonClinician", "professional/",
        CARIN + "Pharmacy", "pharmacy/");
    private static final List<String> CLINICAL_TYPES =
        List.of("Encounter", "AllergyIntolerance", "MedicationRequest", "Observation");

    private static FhirSandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        sandbox = FhirSandbox.start();
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
    }

    private static final String PDEX_PRIOR_AUTHORIZATION =
        "http://hl7.org/fhir/us/davinci-pdex/StructureDefinition/pdex-priorauthorization";

    @Test
    void everyMemberHasClaimsOfAllFourCarinKinds() {
        for (TestMember member : TestMembers.all()) {
            List<ExplanationOfBenefit> claims = claimsOf(member);

            assertTrue(claims.size() >= 10 && claims.size() <= 16, member + ": " + claims.size());
            Set<String> profiles = claims.stream().map(eob -> eob.getMeta().getProfile().get(0).getValue())
                .collect(Collectors.toSet());
            assertEquals(TYPE_BY_PROFILE.keySet(), profiles, member.patientId());
            claims.forEach(SyntheticRecordsTest::assertWellFormedClaim);
        }
    }

    @Test
    void aboutAQuarterOfClaimsNameTheirCoverageWithoutReferencingIt() {
        for (TestMember member : TestMembers.all()) {
            List<ExplanationOfBenefit> claims = claimsOf(member);
            List<Reference> coverages = claims.stream().map(eob -> eob.getInsuranceFirstRep().getCoverage()).toList();

            long displayOnly = coverages.stream().filter(c -> !c.hasReference()).count();
            assertTrue(displayOnly >= 2 && displayOnly <= claims.size() / 3, member + ": " + displayOnly);
            assertTrue(coverages.stream().allMatch(Reference::hasDisplay));
        }
    }

    @Test
    void coverageNamesTheMemberAndThePlan() {
        for (TestMember member : TestMembers.all()) {
            List<Coverage> coverages = search(member, Track.TEST, "Coverage", Coverage.class);

            assertTrue(coverages.size() == 1 || coverages.size() == 2, member.patientId());
            for (Coverage coverage : coverages) {
                assertEquals(Coverage.CoverageStatus.ACTIVE, coverage.getStatus());
                assertEquals(member.memberId(), coverage.getSubscriberId());
                assertEquals("Patient/" + member.patientId(), coverage.getBeneficiary().getReference());
                assertEquals("Organization/demo-health-plan", coverage.getPayorFirstRep().getReference());
                assertEquals(Set.of("group", "plan"), coverage.getClass_().stream()
                    .map(c -> c.getType().getCodingFirstRep().getCode()).collect(Collectors.toSet()));
                assertTrue(coverage.getPeriod().hasStart());
            }
        }
    }

    @Test
    void directoryIsSharedAndCarriesNpis() {
        List<Practitioner> practitioners =
            search(TestMembers.JASON, Track.TEST, "Practitioner", Practitioner.class);
        List<Resource> organizations = search(TestMembers.MAYTE, Track.TEST, "Organization", Resource.class);

        assertFalse(practitioners.isEmpty());
        for (Practitioner practitioner : practitioners) {
            Identifier npi = practitioner.getIdentifierFirstRep();
            assertEquals("http://hl7.org/fhir/sid/us-npi", npi.getSystem());
            assertTrue(npi.getValue().matches("\\d{10}"), npi.getValue());
        }
        assertTrue(organizations.stream().anyMatch(o -> "demo-health-plan".equals(o.getIdElement().getIdPart())));
    }

    @Test
    void clinicalRecordsAreServedOnThePayerToPayerTrackOnly() {
        for (String type : CLINICAL_TYPES) {
            List<Resource> exchanged = search(TestMembers.SHERIE, Track.PAYER2PAYER, type, Resource.class);
            List<Resource> patientAccess = search(TestMembers.SHERIE, Track.TEST, type, Resource.class);

            assertFalse(exchanged.isEmpty(), type);
            assertTrue(patientAccess.isEmpty(), type);
            String json = FhirSandbox.FHIR.newJsonParser().encodeResourceToString(exchanged.get(0));
            assertTrue(json.contains("\"Patient/" + TestMembers.SHERIE.patientId() + "\""), type);
        }
        String encounter = search(TestMembers.SHERIE, Track.PAYER2PAYER, "Encounter", Encounter.class).get(0)
            .getIdElement().getIdPart();
        IGenericClient patientAccess = sandbox.client(sandbox.issue(TestMembers.SHERIE, Track.TEST));
        assertThrows(ResourceNotFoundException.class,
            () -> patientAccess.read().resource(Encounter.class).withId(encounter).execute());
    }

    @Test
    void freshServersServeIdenticalRecords() throws Exception {
        String claim = claimsOf(TestMembers.DELMAR).get(3).getIdElement().getIdPart();
        try (FhirSandbox other = FhirSandbox.start()) {
            for (String path : List.of("/ExplanationOfBenefit/" + claim, "/Patient/" + TestMembers.DELMAR.patientId(),
                "/Coverage?patient=" + TestMembers.DELMAR.patientId())) {
                String here = sandbox.get(path, sandbox.issue(TestMembers.DELMAR, Track.PAYER2PAYER)).body();
                String there = other.get(path, other.issue(TestMembers.DELMAR, Track.PAYER2PAYER)).body();

                assertEquals(withoutBundleIdentity(here), withoutBundleIdentity(there), path);
            }
        }
    }

    private static void assertWellFormedClaim(ExplanationOfBenefit eob) {
        String expectedType = TYPE_BY_PROFILE.get(eob.getMeta().getProfile().get(0).getValue());
        String type = eob.getType().getCodingFirstRep().getCode() + "/"
            + Objects.toString(eob.getSubType().getCodingFirstRep().getCode(), "");
        assertEquals(expectedType, type, eob.getId());
        assertEquals("http://terminology.hl7.org/CodeSystem/claim-type", eob.getType().getCodingFirstRep().getSystem());
        assertEquals(ExplanationOfBenefit.ExplanationOfBenefitStatus.ACTIVE, eob.getStatus());
        assertEquals(ExplanationOfBenefit.Use.CLAIM, eob.getUse());
        assertEquals(ExplanationOfBenefit.RemittanceOutcome.COMPLETE, eob.getOutcome());
        assertEquals("Organization/demo-health-plan", eob.getInsurer().getReference());
        assertTrue(eob.getInsuranceFirstRep().getFocal());
        assertTrue(eob.getBillablePeriod().hasStart() && eob.hasCreated() && eob.hasProvider());
        assertTrue(eob.getCareTeam().stream()
            .allMatch(member -> member.getProvider().getReference().startsWith("Practitioner/")));
        assertFalse(eob.getItem().isEmpty());
        eob.getItem().forEach(item -> assertTrue(item.getProductOrService().hasCoding() && item.hasAdjudication()));
        Set<String> totals = eob.getTotal().stream().map(t -> t.getCategory().getCodingFirstRep().getCode())
            .collect(Collectors.toSet());
        assertTrue(totals.containsAll(Set.of("submitted", "eligible", "benefit")), totals.toString());
        assertTrue(eob.getPayment().getAmount().hasValue());
        if (expectedType.startsWith("institutional")) {
            assertTrue(eob.getFacility().getReference().startsWith("Location/"), eob.getId());
        }
    }

    private static List<ExplanationOfBenefit> claimsOf(TestMember member) {
        return search(member, Track.TEST, "ExplanationOfBenefit", ExplanationOfBenefit.class).stream()
            .filter(eob -> eob.getUse() == ExplanationOfBenefit.Use.CLAIM).toList();
    }

    @Test
    void everyMemberHasPdexPriorAuthorizationsFoundByTheirProfile() {
        for (TestMember member : TestMembers.all()) {
            List<ExplanationOfBenefit> all = search(member, Track.TEST, "ExplanationOfBenefit",
                ExplanationOfBenefit.class);
            List<ExplanationOfBenefit> byProfile = search(member, Track.TEST, "ExplanationOfBenefit?_profile="
                + PDEX_PRIOR_AUTHORIZATION, ExplanationOfBenefit.class);

            List<ExplanationOfBenefit> preauthorizations = all.stream()
                .filter(eob -> eob.getUse() == ExplanationOfBenefit.Use.PREAUTHORIZATION).toList();
            assertEquals(3, preauthorizations.size(), member.patientId());
            assertEquals(preauthorizations.stream().map(e -> e.getIdElement().getIdPart()).toList(),
                byProfile.stream().map(e -> e.getIdElement().getIdPart()).toList());
            for (ExplanationOfBenefit pa : byProfile) {
                assertEquals(PDEX_PRIOR_AUTHORIZATION, pa.getMeta().getProfile().get(0).getValue());
                assertEquals("Patient/" + member.patientId(), pa.getPatient().getReference());
                assertTrue(pa.getItemFirstRep().hasExtension(
                    "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-reviewAction"));
                assertTrue(pa.getItemFirstRep().getAdjudicationFirstRep().getAmount().hasValue());
            }
            Set<ExplanationOfBenefit.RemittanceOutcome> outcomes = byProfile.stream()
                .map(ExplanationOfBenefit::getOutcome).collect(Collectors.toSet());
            assertEquals(Set.of(ExplanationOfBenefit.RemittanceOutcome.COMPLETE,
                ExplanationOfBenefit.RemittanceOutcome.QUEUED, ExplanationOfBenefit.RemittanceOutcome.PARTIAL),
                outcomes, "approved, pending and partly approved");
        }
    }

    @Test
    void thePlanDeclaresThePriorAuthorizationProfileOnlyWhenSwitchedTo() {
        String profile = PDEX_PRIOR_AUTHORIZATION;
        IGenericClient client = sandbox.client(sandbox.issue(TestMembers.all().get(0), Track.TEST));
        CapabilityStatement silent = client.capabilities().ofType(CapabilityStatement.class).execute();
        sandbox.controls().priorAuthorizationProfileDeclared(true);
        try {
            CapabilityStatement declaring = client.capabilities().ofType(CapabilityStatement.class).execute();

            assertFalse(supportedProfiles(silent).stream().anyMatch(p -> p.startsWith(profile)));
            assertTrue(supportedProfiles(declaring).stream().anyMatch(p -> p.startsWith(profile)));
        } finally {
            sandbox.controls().reset();
        }
    }

    private static List<String> supportedProfiles(CapabilityStatement statement) {
        return statement.getRestFirstRep().getResource().stream()
            .filter(r -> r.getType().equals("ExplanationOfBenefit"))
            .flatMap(r -> r.getSupportedProfile().stream()).map(CanonicalType::getValue).toList();
    }

    private static <T extends Resource> List<T> search(TestMember member, Track track, String type, Class<T> as) {
        IGenericClient client = sandbox.client(sandbox.issue(member, track));
        Bundle bundle = client.search().byUrl(type + (type.contains("?") ? "&" : "?") + "_count=100")
            .returnBundle(Bundle.class).execute();
        return bundle.getEntry().stream().map(e -> as.cast(e.getResource())).toList();
    }

    /** A searchset's own id and timestamp are per response; everything else must be equal. */
    private static String withoutBundleIdentity(String json) {
        return json.replaceFirst("\"id\":\"[^\"]+\",\"meta\":\\{\"lastUpdated\":\"[^\"]+\"}", "")
            .replaceAll("localhost:\\d+", "localhost");
    }
}
