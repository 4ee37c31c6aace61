package dev.payeraccess.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

class OperationOutcomeWriterTest {

    private final OperationOutcomeWriter writer = new OperationOutcomeWriter(R4.context());

    @Test
    void writesOneIssueWithCodeAndDiagnostics() {
        String json = writer.toJson(FhirProblem.notFound("No plan 'acme' in realm 'demo'."));

        OperationOutcome parsed = R4.context().newJsonParser().parseResource(OperationOutcome.class, json);
        assertEquals(1, parsed.getIssue().size());
        assertEquals(OperationOutcome.IssueType.NOTFOUND, parsed.getIssueFirstRep().getCode());
        assertEquals(OperationOutcome.IssueSeverity.ERROR, parsed.getIssueFirstRep().getSeverity());
        assertEquals("No plan 'acme' in realm 'demo'.", parsed.getIssueFirstRep().getDiagnostics());
    }

    @Test
    void serverSideFailuresAreFatal() {
        OperationOutcome outcome = writer.toOperationOutcome(FhirProblem.planTimeout("The plan did not answer."));

        assertEquals(OperationOutcome.IssueSeverity.FATAL, outcome.getIssueFirstRep().getSeverity());
    }
}
