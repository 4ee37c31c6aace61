package dev.payeraccess.rest;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.OperationOutcomeWriter;
import dev.payeraccess.fhir.R4;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

/**
 * Root of {@code /realms/{realm}/payer-access/}.
 *
 * <p>Every answer of this API, errors included, is something an app can parse: a path this API does
 * not serve is a FHIR {@code OperationOutcome} with status 404, not an HTML error page.
 */
public final class PayerAccessResource {

    private final KeycloakSession session;
    private final OperationOutcomeWriter outcomes = new OperationOutcomeWriter(R4.context());

    PayerAccessResource(KeycloakSession session) {
        this.session = session;
    }

    /**
     * Any path this API does not serve.
     *
     * @return 404 with an {@code OperationOutcome} naming the path that was asked for
     */
    @GET
    @Path("{path: .*}")
    @Produces(OperationOutcomeWriter.FHIR_JSON)
    public Response unknownPath(@PathParam("path") String path) {
        String realm = session.getContext().getRealm().getName();
        return problem(FhirProblem.notFound(
            "No payer-access endpoint at '" + path + "' in realm '" + realm + "'."
                + " See the README's API table for the paths this extension serves."));
    }

    private Response problem(FhirProblem problem) {
        return Response.status(problem.status())
            .type(OperationOutcomeWriter.FHIR_JSON)
            .entity(outcomes.toJson(problem))
            .build();
    }
}
