package dev.payeraccess.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.OperationOutcomeWriter;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.fhir.ProblemResponses;
import dev.payeraccess.proxy.FhirProxyResource;
import dev.payeraccess.links.PayerLinks;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * Root of {@code /realms/{realm}/payer-access/}.
 *
 * <p>Every answer of this API, errors included, is something an app can parse: errors are FHIR
 * {@code OperationOutcome}s, never an HTML page.
 */
public final class PayerAccessResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakSession session;

    PayerAccessResource(KeycloakSession session) {
        this.session = session;
    }

    /**
     * The caller's linked health plans: alias, display name, the member's Patient id at the plan, the
     * scopes the plan granted, when it was linked, the token state ({@code active}, {@code refreshable},
     * {@code relink-required}) and the URL that starts a (re)link. Never a token.
     *
     * @return 200 with a JSON array; 401 {@code OperationOutcome} without a valid bearer token of this realm
     */
    @GET
    @Path("links")
    @Produces(MediaType.APPLICATION_JSON)
    public Response links() {
        AuthResult caller;
        try {
            caller = BearerCaller.authenticate(session);
        } catch (FhirProblemException e) {
            return problems().of(e.problem());
        }
        ArrayNode body = JSON.createArrayNode();
        new PayerLinks(session, session.getContext().getRealm())
            .of(caller.user(), caller.client().getClientId())
            .forEach(link -> body.add(link.toJson(JSON)));
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON).header("Cache-Control", "no-store").build();
    }

    /**
     * The read-only FHIR R4 proxy of one health plan; see {@link FhirProxyResource}.
     */
    @Path("fhir/{alias}")
    public FhirProxyResource fhir(@PathParam("alias") String alias) {
        return new FhirProxyResource(session, alias);
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
        return problems().of(FhirProblem.notFound(
            "No payer-access endpoint at '" + path + "' in realm '" + realm + "'."
                + " See the README's API table for the paths this extension serves."));
    }

    private ProblemResponses problems() {
        return new ProblemResponses(session.getContext().getRealm().getName());
    }
}
