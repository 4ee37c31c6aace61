package dev.payeraccess.fhir;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** Turns a {@link FhirProblem} into the FHIR R4 JSON body every error response of the extension carries. */
public final class OperationOutcomeWriter {

    /** The media type FHIR R4 names for JSON. */
    public static final String FHIR_JSON = "application/fhir+json";

    private final FhirContext fhir;

    public OperationOutcomeWriter(FhirContext fhir) {
        this.fhir = fhir;
    }

    public OperationOutcome toOperationOutcome(FhirProblem problem) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
            .setSeverity(problem.status() >= 500 ? IssueSeverity.FATAL : IssueSeverity.ERROR)
            .setCode(IssueType.fromCode(problem.issueType()))
            .setDiagnostics(problem.diagnostics());
        return outcome;
    }

    public String toJson(FhirProblem problem) {
        return fhir.newJsonParser().encodeResourceToString(toOperationOutcome(problem));
    }
}
