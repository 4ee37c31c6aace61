package dev.payeraccess.fhir;

import jakarta.ws.rs.core.Response;

/**
 * The one place a {@link FhirProblem} becomes an HTTP response: its status, an {@code OperationOutcome}
 * body, {@code no-store}, and for 401 the {@code WWW-Authenticate} challenge RFC 6750 asks for.
 */
public final class ProblemResponses {

    private final OperationOutcomeWriter outcomes = new OperationOutcomeWriter(R4.context());
    private final String realmName;

    public ProblemResponses(String realmName) {
        this.realmName = realmName;
    }

    public Response.ResponseBuilder builder(FhirProblem problem) {
        Response.ResponseBuilder response = Response.status(problem.status())
            .type(OperationOutcomeWriter.FHIR_JSON + ";charset=utf-8")
            .header("Cache-Control", "no-store")
            .entity(outcomes.toJson(problem));
        problem.retryAfterSeconds().ifPresent(seconds -> response.header("Retry-After", seconds));
        if (problem.status() == 401) {
            response.header("WWW-Authenticate", "Bearer realm=\"" + realmName + "\"");
        }
        return response;
    }

    public Response of(FhirProblem problem) {
        return builder(problem).build();
    }
}
