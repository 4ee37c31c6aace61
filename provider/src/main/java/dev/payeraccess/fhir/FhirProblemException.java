package dev.payeraccess.fhir;

/**
 * Ends a request with a {@link FhirProblem}. Its message is the problem's diagnostics, which by
 * {@link FhirProblem}'s rule never hold a token, a secret or a member's data; no stack trace is kept
 * because this is an answer, not a fault.
 */
public final class FhirProblemException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient FhirProblem problem;

    public FhirProblemException(FhirProblem problem) {
        super(problem.diagnostics(), null, false, false);
        this.problem = problem;
    }

    public FhirProblem problem() {
        return problem;
    }
}
