package dev.payeraccess.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanCapabilitiesTest {

    private static final List<String> SERVABLE = List.of("Coverage", "ExplanationOfBenefit");

    @Test
    void readsEachTypesSearchesAndRoundTripsThroughTheCachedForm() throws Exception {
        PlanCapabilities caps = PlanCapabilities.read("""
            {"resourceType":"CapabilityStatement","fhirVersion":"4.0.1","rest":[{"mode":"server","resource":[
              {"type":"Coverage","searchParam":[{"name":"patient","type":"reference"},{"name":"_id","type":"token"}],
               "searchInclude":["Coverage:payor"]},
              {"type":"ExplanationOfBenefit","searchParam":[{"name":"patient","type":"reference"}],
               "searchRevInclude":["Provenance:target"]}]}]}""", SERVABLE);

        assertEquals("4.0.1", caps.fhirVersion());
        assertEquals(List.of(new PlanCapabilities.SearchParam("patient", "reference"),
            new PlanCapabilities.SearchParam("_id", "token")), caps.of("Coverage").orElseThrow().searchParams());
        assertEquals(List.of("Coverage:payor"), caps.of("Coverage").orElseThrow().includes());
        assertEquals(List.of("Provenance:target"), caps.of("ExplanationOfBenefit").orElseThrow().revIncludes());
        assertEquals(Optional.of(caps), PlanCapabilities.fromJson(caps.toJson()));
    }

    @Test
    void serverWideParametersApplyToEveryTypeAndOddValuesAreLeftOut() throws Exception {
        PlanCapabilities caps = PlanCapabilities.read("""
            {"resourceType":"CapabilityStatement","rest":[{"mode":"server",
              "searchParam":[{"name":"_lastUpdated","type":"date"}],
              "resource":[{"type":"Coverage","searchParam":[{"name":"patient","type":"reference"},
                {"name":"<script>alert(1)</script>","type":"string"},{"name":"beneficiary","type":"<b>"}],
               "searchInclude":["Coverage:payor","javascript:alert(1)"]}]}]}""", SERVABLE);

        assertEquals(List.of(new PlanCapabilities.SearchParam("patient", "reference"),
            new PlanCapabilities.SearchParam("beneficiary", "string"),
            new PlanCapabilities.SearchParam("_lastUpdated", "date")),
                caps.of("Coverage").orElseThrow().searchParams());
        assertEquals(List.of("Coverage:payor"), caps.of("Coverage").orElseThrow().includes());
    }

    @Test
    void operationsAreKeptByNameWithoutTheirDollarAndRoundTrip() throws Exception {
        PlanCapabilities caps = PlanCapabilities.read("""
            {"resourceType":"CapabilityStatement","rest":[{"mode":"server","resource":[
              {"type":"Patient","operation":[{"name":"everything",
                "definition":"http://hl7.org/fhir/OperationDefinition/Patient-everything"},{"name":"$match"},
                {"name":"<img>"},{"definition":"x"}]},
              {"type":"Coverage","operation":[{"name":"$everything"}]}]}]}""", List.of("Patient", "Coverage"));

        assertEquals(List.of("everything", "match"), caps.of("Patient").orElseThrow().operations());
        assertTrue(caps.of("Patient").orElseThrow().declaresOperation("everything"));
        assertTrue(caps.of("Coverage").orElseThrow().declaresOperation("everything"));
        assertEquals(Optional.of(caps), PlanCapabilities.fromJson(caps.toJson()));
    }

    @Test
    void keepsEachTypesSupportedProfilesThatLookLikeCanonicals() throws Exception {
        String pdex = "http://hl7.org/fhir/us/davinci-pdex/StructureDefinition/pdex-priorauthorization";
        PlanCapabilities caps = PlanCapabilities.read("""
            {"resourceType":"CapabilityStatement","rest":[{"mode":"server","searchParam":[{"name":"_profile",
              "type":"uri"}],"resource":[{"type":"ExplanationOfBenefit","supportedProfile":["%s|2.1.0",
              "javascript:alert(1)",42,"%s|2.1.0"]}]}]}""".formatted(pdex, pdex), SERVABLE);

        PlanCapabilities.TypeCapabilities eob = caps.of("ExplanationOfBenefit").orElseThrow();
        assertEquals(List.of(pdex + "|2.1.0"), eob.supportedProfiles(), "once, and only what looks like a URL");
        assertEquals(true, eob.supportsProfile(pdex));
        assertEquals(false, eob.supportsProfile(pdex.substring(0, pdex.length() - 1)));
        assertEquals(true, eob.declares("_profile"), "a server-wide parameter counts");
        assertEquals(Optional.of(caps), PlanCapabilities.fromJson(caps.toJson()));
    }

    @Test
    void somethingElseIsRefused() throws Exception {
        assertThrows(IllegalArgumentException.class,
            () -> PlanCapabilities.read("{\"resourceType\":\"OperationOutcome\"}", SERVABLE));
        assertEquals(Optional.empty(), PlanCapabilities.fromJson("not json"));
    }
}
