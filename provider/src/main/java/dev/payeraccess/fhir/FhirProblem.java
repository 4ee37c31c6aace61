package dev.payeraccess.fhir;

import java.util.Objects;

/**
 * A failure the extension answers with a FHIR {@code OperationOutcome}: the HTTP status, the FHIR
 * issue type code and a diagnostic for the app developer.
 *
 * <p>The diagnostic is shown to the calling app. It must never carry a token, a secret or a member's
 * data: build it from what the caller sent and from the product's own words, never from a plan's
 * raw answer.
 *
 * @param status HTTP status of the response
 * @param issueType code from the FHIR {@code issue-type} value set, e.g. {@code not-found}
 * @param diagnostics human-readable explanation of what went wrong and what to do
 */
public record FhirProblem(int status, String issueType, String diagnostics) {

    public FhirProblem {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("An OperationOutcome answers errors only, not HTTP " + status);
        }
        Objects.requireNonNull(issueType, "issueType");
        Objects.requireNonNull(diagnostics, "diagnostics");
    }

    public static FhirProblem notFound(String diagnostics) {
        return new FhirProblem(404, "not-found", diagnostics);
    }
}
