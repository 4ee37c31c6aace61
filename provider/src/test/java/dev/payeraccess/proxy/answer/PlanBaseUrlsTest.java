package dev.payeraccess.proxy.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** URLs on the plan's FHIR base move onto the proxy's; nothing else changes. */
class PlanBaseUrlsTest extends RewrittenAnswers {

    @Test
    void fullUrlsAndAbsoluteReferencesAreRewrittenButRelativeAndForeignOnesAreNot() throws IOException {
        String answer = """
                {"resourceType":"Bundle","type":"searchset","entry":[{"fullUrl":"{plan}/ExplanationOfBenefit/e1",
                 "resource":{"resourceType":"ExplanationOfBenefit","id":"e1",
                   "patient":{"reference":"{plan}/Patient/p1"},
                   "provider":{"reference":"Practitioner/dr1"},
                   "insurer":{"reference":"https://other.example/r4/Organization/o1"},
                   "facility":{"reference":"http://127.0.0.1:8090/r4x/Location/l1"},
                   "extension":[{"url":"{plan}","valueString":"{plan}?x=1"}]}}]}""";

        String expected = """
                {"resourceType":"Bundle","type":"searchset","entry":[{"fullUrl":"{proxy}/ExplanationOfBenefit/e1",
                 "resource":{"resourceType":"ExplanationOfBenefit","id":"e1",
                   "patient":{"reference":"{proxy}/Patient/p1"},
                   "provider":{"reference":"Practitioner/dr1"},
                   "insurer":{"reference":"https://other.example/r4/Organization/o1"},
                   "facility":{"reference":"http://127.0.0.1:8090/r4x/Location/l1"},
                   "extension":[{"url":"{proxy}","valueString":"{proxy}?x=1"}]}}]}""";
        assertEquals(tree(expected), tree(copied(answer)));
    }

    @Test
    void fieldNamesAreNeverRewritten() throws IOException {
        String answer = """
                {"resourceType":"Patient","contained":[{"{plan}/x":"{plan}/Patient/p1"}]}""";

        assertEquals(tree("""
                {"resourceType":"Patient","contained":[{"{plan}/x":"{proxy}/Patient/p1"}]}"""), tree(copied(answer)));
    }

    @Test
    void singleHeaderValuesAreRewrittenWithTheSameRule() {
        assertEquals(PROXY + "/Patient/p1/_history/2", rewriter.rewrite(PLAN + "/Patient/p1/_history/2"));
        assertEquals(PROXY, rewriter.rewrite(PLAN));
        assertEquals(PLAN + "x/Patient/p1", rewriter.rewrite(PLAN + "x/Patient/p1"));
        assertEquals("Patient/p1", rewriter.rewrite("Patient/p1"));
    }

    @Test
    void trailingSlashesOnEitherBaseDoNotDoubleOrDropSlashes() throws IOException {
        FhirJsonRewriter slashed = new FhirJsonRewriter(PLAN + "/", PROXY + "//", type -> true);

        assertEquals(PROXY + "/Patient/p1", slashed.rewrite(PLAN + "/Patient/p1"));
        assertEquals(PROXY + "?_getpages=a", slashed.rewrite(PLAN + "?_getpages=a"));
        assertEquals(PROXY, slashed.rewrite(PLAN));
    }

    @Test
    void aPatientPassesThroughWithOnlyItsUrlsRewritten() throws IOException {
        String patient = """
                {"resourceType":"Patient","id":"p1","meta":{"versionId":"3","source":"{plan}/Patient/p1"},
                 "active":true,"deceasedBoolean":false,"photo":null,
                 "name":[{"family":"Müller","given":["Zoë","José"]}],
                 "managingOrganization":{"reference":"Organization/o1"},
                 "link":[{"other":{"reference":"{plan}/Patient/p0"},"type":"replaces"}]}""";

        assertEquals(tree(patient.replace("{plan}", "{proxy}")), tree(copied(patient)));
        assertEquals(0, rewriter.removedEntries());
    }

    @Test
    void anOperationOutcomePassesThroughWithOnlyItsUrlsRewritten() throws IOException {
        String outcome = """
                {"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"not-found",
                 "diagnostics":"Resource {plan}/Patient/p9 is not known","location":["Patient.id"]}]}""";

        // Only whole values on the base are moved; a URL inside prose is left alone.
        assertEquals(tree(outcome), tree(copied(outcome)));
    }
}
