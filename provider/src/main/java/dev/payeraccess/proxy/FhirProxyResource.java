package dev.payeraccess.proxy;

import dev.payeraccess.broker.PayerIdentityProviderConfig;
import dev.payeraccess.broker.PayerPlans;
import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.OperationOutcomeWriter;
import dev.payeraccess.fhir.ProblemResponses;
import dev.payeraccess.fhir.R4;
import dev.payeraccess.rest.ApiCors;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code /realms/{realm}/payer-access/fhir/{alias}/}: a read-only FHIR R4 endpoint per health plan.
 * Apps call it with their ordinary Keycloak access token; the proxy reads from the plan with the member's
 * stored plan token, which never leaves Keycloak.
 */
public final class FhirProxyResource {

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
        Optional<PayerIdentityProviderConfig> plan = PayerPlans.enabled(session, alias);
        if (plan.isEmpty()) {
            return unknownPlan();
        }
        String oidc = ProxyUrls.issuer(session) + "/protocol/openid-connect";
        ProxyCapabilities capabilities = new ProxyCapabilities(ProxyUrls.fhirBase(session, alias),
            PayerPlans.displayName(plan.get()),
            plan.get().allowedResourceTypes(), oidc + "/auth", oidc + "/token", oidc + "/revoke");
        ApiCors.forAnyone();
        return Response.ok(R4.context().newJsonParser().encodeResourceToString(capabilities.toCapabilityStatement()))
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
        if (PayerPlans.enabled(session, alias).isEmpty()) {
            return unknownPlan();
        }
        RealmModel realm = session.getContext().getRealm();
        List<String> smartScopes = realm.getClientScopesStream().map(s -> s.getName())
            .filter(name -> name.startsWith("patient/") || name.startsWith("user/")).toList();
        ApiCors.forAnyone();
        return Response.ok(new SmartConfigurationDocument(ProxyUrls.issuer(session), smartScopes).toJson(), MediaType.APPLICATION_JSON)
            .build();
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
    public Response read(@jakarta.ws.rs.core.Context HttpHeaders headers) {
        return new FhirProxy(session, alias).forward(rawPath(), rawQuery(), null, headers::getHeaderString, false);
    }

    /** As {@link #read}, without the body. */
    @HEAD
    @Path("{path: .*}")
    public Response head(@jakarta.ws.rs.core.Context HttpHeaders headers) {
        return new FhirProxy(session, alias).forward(rawPath(), rawQuery(), null, headers::getHeaderString, true);
    }

    /**
     * {@code POST [type]/_search} with a form-encoded body, forwarded to the plan as a GET search (the body's
     * parameters join the query's). Any other POST is a write: 405.
     */
    @POST
    @Path("{path: .*}")
    @Consumes(MediaType.WILDCARD)
    public Response post(@jakarta.ws.rs.core.Context HttpHeaders headers, String body) {
        String path = rawPath();
        MediaType type = headers.getMediaType();
        if (!path.endsWith("/_search")) {
            return new FhirProxy(session, alias).refuseWrite("POST");
        }
        if (type == null || !type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            return new ProblemResponses(session.getContext().getRealm().getName()).of(new FhirProblem(415, "invalid",
                "POST [type]/_search takes a body of type application/x-www-form-urlencoded."));
        }
        return new FhirProxy(session, alias).forward(path, rawQuery(), body, headers::getHeaderString, false);
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
        return new FhirProxy(session, alias).refuseWrite("PUT");
    }

    /** Writes are refused: 405. */
    @DELETE
    @Path("{path: .*}")
    public Response delete() {
        return new FhirProxy(session, alias).refuseWrite("DELETE");
    }

    /** Writes are refused: 405. */
    @PATCH
    @Path("{path: .*}")
    public Response patch() {
        return new FhirProxy(session, alias).refuseWrite("PATCH");
    }

    /**
     * The request path after {@code fhir/{alias}/}, as the app encoded it: JAX-RS would decode {@code %2F}
     * into a slash, which must instead be refused.
     */
    private String rawPath() {
        URI uri = session.getContext().getUri().getRequestUri();
        String path = uri.getRawPath();
        String marker = "/payer-access/fhir/";
        int start = path.indexOf(marker);
        if (start < 0) {
            return "";
        }
        int afterAlias = path.indexOf('/', start + marker.length());
        return afterAlias < 0 ? "" : path.substring(afterAlias + 1);
    }

    private String rawQuery() {
        return session.getContext().getUri().getRequestUri().getRawQuery();
    }

    private Response unknownPlan() {
        RealmModel realm = session.getContext().getRealm();
        return new ProblemResponses(realm.getName()).of(FhirProblem.notFound("Realm " + realm.getName()
            + " has no enabled health plan '" + alias + "'."));
    }

}
