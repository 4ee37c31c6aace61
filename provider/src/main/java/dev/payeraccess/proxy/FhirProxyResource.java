package dev.payeraccess.proxy;

import dev.payeraccess.api.ApiCors;
import dev.payeraccess.api.PublicUrls;
import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.broker.RealmPlans;
import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.OperationOutcomeWriter;
import dev.payeraccess.fhir.ProblemResponses;
import dev.payeraccess.fhir.R4;
import dev.payeraccess.health.PlanHealthMonitor;
import dev.payeraccess.plan.PlanCapabilities;
import dev.payeraccess.proxy.metadata.ProxyCapabilities;
import dev.payeraccess.proxy.metadata.SmartConfigurationDocument;
import dev.payeraccess.proxy.priorauth.PriorAuthorizationCapability;
import dev.payeraccess.proxy.priorauth.PriorAuthorizationSearch;
import dev.payeraccess.proxy.request.ProxyRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code /realms/{realm}/payer-access/fhir/{alias}/}: a read-only FHIR R4 endpoint per health plan.
 * Apps call it with their ordinary Keycloak access token; the proxy reads from the plan with the member's
 * stored plan token, which never leaves Keycloak.
 */
public final class FhirProxyResource {

    /** The app's headers the plan may see; everything else (its token first) stays here. */
    private static final List<String> FORWARDED_HEADERS = List.of("If-None-Match", "If-Modified-Since", "Prefer");

    private final KeycloakSession session;
    private final String alias;

    public FhirProxyResource(KeycloakSession session, String alias) {
        this.session = session;
        this.alias = alias;
    }

    /**
     * A CapabilityStatement of what the proxy offers for this plan: read, vread and search of the allowed
     * types, JSON, SMART security pointing at this realm. Public, as FHIR clients read it before signing in.
     *
     * @return 200 {@code CapabilityStatement}; 404 {@code OperationOutcome} for an unknown plan
     */
    @GET
    @Path("metadata")
    public Response metadata() {
        Optional<PlanIdentityProviderConfig> plan = RealmPlans.enabled(session, alias);
        if (plan.isEmpty()) {
            return unknownPlan();
        }
        PublicUrls urls = new PublicUrls(session);
        Optional<PlanCapabilities> atPlan = session.getProvider(PlanHealthMonitor.class)
            .capabilities(session.getContext().getRealm(), alias);
        ProxyCapabilities capabilities = ProxyCapabilities.of(urls.fhirBase(alias), RealmPlans.displayName(plan.get()),
            plan.get().allowedResourceTypes(), atPlan,
            urls.openIdConnect("auth"), urls.openIdConnect("token"), urls.openIdConnect("revoke"));
        CapabilityStatement statement = capabilities.toCapabilityStatement();
        PriorAuthorizationCapability.declare(statement, PriorAuthorizationSearch.at(atPlan).mechanism());
        ApiCors.forAnyone();
        return Response.ok(R4.context().newJsonParser().encodeResourceToString(statement))
            .type(OperationOutcomeWriter.FHIR_JSON + ";charset=utf-8").build();
    }

    /**
     * SMART App Launch discovery: this realm's authorization, token and revocation endpoints, the SMART
     * scopes the realm offers, and the capabilities Keycloak supports. Public.
     *
     * @return 200 JSON; 404 {@code OperationOutcome} for an unknown plan
     */
    @GET
    @Path(".well-known/smart-configuration")
    public Response smartConfiguration() {
        if (RealmPlans.enabled(session, alias).isEmpty()) {
            return unknownPlan();
        }
        RealmModel realm = session.getContext().getRealm();
        List<String> smartScopes = realm.getClientScopesStream().map(s -> s.getName())
            .filter(name -> name.startsWith("patient/") || name.startsWith("user/")).toList();
        ApiCors.forAnyone();
        PublicUrls urls = new PublicUrls(session);
        return Response.ok(new SmartConfigurationDocument(urls.issuer(), urls::openIdConnect, smartScopes).toJson(),
            MediaType.APPLICATION_JSON).build();
    }

    /**
     * Search ({@code [type]?params}), read ({@code [type]/[id]}) and vread ({@code [type]/[id]/_history/[vid]})
     * at the plan, and pages of earlier searches. The answer is the plan's, streamed, with the plan's URLs
     * rewritten to this proxy's and resources the caller may not read removed from bundles.
     *
     * @return the plan's status and body; or an {@code OperationOutcome} with 400 (bad request), 401 (caller
     *     token), 403 (scope), 404 (unknown plan, not linked), 409 (relink required), 502 (plan error),
     *     504 (plan timeout)
     */
    @GET
    @Path("{path: .*}")
    public Response read(@Encoded @PathParam("path") String path, @Context HttpHeaders headers) {
        return forward(request(ProxyRequest.Method.GET, path, Optional.empty(), headers));
    }

    /** As {@link #read}, without the body. */
    @HEAD
    @Path("{path: .*}")
    public Response head(@Encoded @PathParam("path") String path, @Context HttpHeaders headers) {
        return forward(request(ProxyRequest.Method.HEAD, path, Optional.empty(), headers));
    }

    /**
     * {@code POST [type]/_search} with a form-encoded body, forwarded to the plan as a GET search (the body's
     * parameters join the query's). Any other POST is a write: 405.
     *
     * @return as {@link #read}; 415 {@code OperationOutcome} for a search whose body is not form-encoded
     */
    @POST
    @Path("{path: .*}")
    @Consumes(MediaType.WILDCARD)
    public Response post(@Encoded @PathParam("path") String path, @Context HttpHeaders headers, String body) {
        if (!path.endsWith("/_search")) {
            return refuseWrite("POST");
        }
        MediaType type = headers.getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            return problems().of(FhirProblem.unsupportedMediaType(
                "POST [type]/_search takes a body of type application/x-www-form-urlencoded."));
        }
        return forward(request(ProxyRequest.Method.POST_SEARCH, path, Optional.ofNullable(body), headers));
    }

    /** CORS preflight for browser apps. */
    @OPTIONS
    @Path("{path: .*}")
    public Response preflight() {
        return ApiCors.preflight();
    }

    /** Writes are refused: 405. */
    @PUT
    @Path("{path: .*}")
    public Response put() {
        return refuseWrite("PUT");
    }

    /** Writes are refused: 405. */
    @DELETE
    @Path("{path: .*}")
    public Response delete() {
        return refuseWrite("DELETE");
    }

    /** Writes are refused: 405. */
    @PATCH
    @Path("{path: .*}")
    public Response patch() {
        return refuseWrite("PATCH");
    }

    /**
     * The request as received. The path comes still encoded ({@link Encoded}): decoded, {@code %2F} would
     * become a slash that must instead be refused.
     */
    private ProxyRequest request(ProxyRequest.Method method, String encodedPath, Optional<String> formBody,
                                 HttpHeaders headers) {
        Map<String, String> forwarded = new LinkedHashMap<>();
        for (String name : FORWARDED_HEADERS) {
            Optional.ofNullable(headers.getHeaderString(name)).ifPresent(value -> forwarded.put(name, value));
        }
        Optional<String> query = Optional.ofNullable(session.getContext().getUri().getRequestUri().getRawQuery());
        return new ProxyRequest(method, encodedPath, query, formBody, forwarded);
    }

    private Response forward(ProxyRequest request) {
        return new FhirProxy<>(new KeycloakProxySteps(session, alias)).forward(request);
    }

    private Response refuseWrite(String method) {
        return new KeycloakProxySteps(session, alias).refusedWrite(method);
    }

    private ProblemResponses problems() {
        return new ProblemResponses(session.getContext().getRealm().getName());
    }

    private Response unknownPlan() {
        ApiCors.forAnyone();
        return problems().of(ProxyProblems.unknownPlan(session.getContext().getRealm().getName(), alias,
            new PublicUrls(session).payers()));
    }

}
