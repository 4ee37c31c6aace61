package dev.payeraccess.proxy.allplans;

import dev.payeraccess.api.ApiCors;
import dev.payeraccess.api.PublicUrls;
import dev.payeraccess.broker.PlanConfigCheck;
import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.broker.RealmPlans;
import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.OperationOutcomeWriter;
import dev.payeraccess.fhir.ProblemResponses;
import dev.payeraccess.fhir.R4;
import dev.payeraccess.proxy.metadata.ProxyCapabilities;
import dev.payeraccess.proxy.metadata.SmartConfigurationDocument;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.keycloak.models.KeycloakSession;

/**
 * {@code /realms/{realm}/payer-access/fhir/_all/}: one search across every plan the caller linked and may read.
 * Search only: ids are not unique across plans, so a resource is read at the plan its {@code fullUrl} names.
 * {@code _all} is reserved: no plan may take it as its alias.
 */
public final class AllPlansResource {

    /** The path segment of the search across plans, which no plan's alias may be. */
    public static final String ALIAS = PlanConfigCheck.ALL_PLANS_ALIAS;

    private final KeycloakSession session;

    public AllPlansResource(KeycloakSession session) {
        this.session = session;
    }

    /**
     * A CapabilityStatement of the search across plans: search of every type some plan of the realm allows, and
     * {@code $everything} on Patient (asked at type level here), JSON, SMART security pointing at this realm. Public.
     *
     * @return 200 {@code CapabilityStatement}
     */
    @GET
    @Path("metadata")
    public Response metadata() {
        PublicUrls urls = new PublicUrls(session);
        TreeSet<String> types = new TreeSet<>();
        RealmPlans.enabledPlans(session).stream().map(PlanIdentityProviderConfig::allowedResourceTypes)
            .forEach(types::addAll);
        CapabilityStatement statement = ProxyCapabilities.of(urls.fhirBase(ALIAS), "every plan a member linked",
            types, Optional.empty(), urls.openIdConnect("auth"), urls.openIdConnect("token"),
            urls.openIdConnect("revoke")).toCapabilityStatement();
        statement.getImplementation().setDescription("One search across every health plan the member linked: a "
            + "merged searchset, each entry's fullUrl at its plan; Patient/$everything at type level, the member's "
            + "own patient at each plan; read and vread are at fhir/{alias}");
        statement.getRest().forEach(rest -> rest.getResource().forEach(resource -> resource.getInteraction()
            .removeIf(interaction -> interaction.getCode() != TypeRestfulInteraction.SEARCHTYPE)));
        ApiCors.forAnyone();
        return Response.ok(R4.context().newJsonParser().encodeResourceToString(statement))
            .type(OperationOutcomeWriter.FHIR_JSON + ";charset=utf-8").build();
    }

    /**
     * SMART App Launch discovery, as at each plan: this realm's endpoints and SMART scopes. Public.
     *
     * @return 200 JSON
     */
    @GET
    @Path(".well-known/smart-configuration")
    public Response smartConfiguration() {
        List<String> smartScopes = session.getContext().getRealm().getClientScopesStream().map(s -> s.getName())
            .filter(name -> name.startsWith("patient/") || name.startsWith("user/")).toList();
        ApiCors.forAnyone();
        PublicUrls urls = new PublicUrls(session);
        return Response.ok(new SmartConfigurationDocument(urls.issuer(), urls::openIdConnect, smartScopes).toJson(),
            MediaType.APPLICATION_JSON).build();
    }

    /**
     * {@code GET fhir/_all/{type}?params}: the search at every plan the caller linked and may read, each under
     * exactly the checks of a single-plan search, merged into one searchset Bundle that streams; later pages by
     * {@code ?_cursor=} (the {@code next} link).
     *
     * @return 200 searchset (a plan that failed is an {@code OperationOutcome} entry); or an {@code OperationOutcome}
     *     with 400 (a request no plan would forward), 401 (caller token), 403 (a type the caller may read from none of
     *     its plans; a next link not issued to this user), 404 (an expired next link)
     */
    @GET
    @Path("{type}")
    public Response search(@Encoded @PathParam("type") String type) {
        Optional<String> query = Optional.ofNullable(session.getContext().getUri().getRequestUri().getRawQuery());
        return new AllPlansSearch(session).search(type, query);
    }

    /**
     * {@code HEAD fhir/_all/{type}?params}: what the GET would send, after the checks of the caller, the request and a
     * next link, without reading (or holding a place at) any plan. Explicit, so that JAX-RS does not run the GET,
     * whose plans would be prepared for a body that is never written.
     *
     * @return 200 with the GET's headers, or the GET's 400, 401, 403 or 404
     */
    @HEAD
    @Path("{type}")
    public Response searchHead(@Encoded @PathParam("type") String type) {
        return new AllPlansSearch(session).head(type, rawQuery(), false);
    }

    /** {@code HEAD} of {@link #metadata}, so that it is not taken for a search. */
    @HEAD
    @Path("metadata")
    public Response metadataHead() {
        return metadata();
    }

    /** {@code HEAD} of {@link #smartConfiguration}, so that it is not taken for a read below a type. */
    @HEAD
    @Path(".well-known/smart-configuration")
    public Response smartConfigurationHead() {
        return smartConfiguration();
    }

    /** {@code HEAD} below a type: as {@link #searchHead} for {@code Patient/$everything}, else the GET's 400. */
    @HEAD
    @Path("{type}/{rest: .+}")
    public Response belowTypeHead(@Encoded @PathParam("type") String type, @Encoded @PathParam("rest") String rest) {
        if (type.equals("Patient") && isEverything(rest)) {
            return new AllPlansSearch(session).head(AllPlansSearch.EVERYTHING, rawQuery(), true);
        }
        return belowType(type, rest);
    }

    private Optional<String> rawQuery() {
        return Optional.ofNullable(session.getContext().getUri().getRequestUri().getRawQuery());
    }

    /** {@code fhir/_all} itself: there is no search across all types. */
    @GET
    public Response noType() {
        return notSearch();
    }

    /**
     * {@code GET fhir/_all/Patient/$everything?start&end&_since&_type&_count}: the operation at every plan the
     * caller linked, each on the member's own patient there, one searchset Bundle that streams; later pages by
     * {@code ?_cursor=}. Anything else below a type is not served here: a resource is read at its plan.
     *
     * @return as {@link #search}: 200 searchset (a plan that failed is an {@code OperationOutcome} entry), or an
     *     {@code OperationOutcome} with 400, 401, 403 or 404
     */
    @GET
    @Path("{type}/{rest: .+}")
    public Response belowType(@Encoded @PathParam("type") String type, @Encoded @PathParam("rest") String rest) {
        if (type.equals("Patient") && isEverything(rest)) {
            Optional<String> query = Optional.ofNullable(session.getContext().getUri().getRequestUri().getRawQuery());
            return new AllPlansSearch(session).everything(query);
        }
        if (type.equals("Patient") && rest.contains("/") && isEverything(rest.substring(rest.lastIndexOf('/') + 1))) {
            return problem(FhirProblem.badRequest("A patient id belongs to one plan: across plans, ask "
                + "fhir/_all/Patient/$everything (the member's own patient at each plan), or one plan at "
                + "fhir/{alias}/Patient/{id}/$everything."));
        }
        return notSearch();
    }

    private static boolean isEverything(String segment) {
        return segment.equals("$everything") || segment.equalsIgnoreCase("%24everything");
    }

    private Response notSearch() {
        return problem(FhirProblem.badRequest("fhir/_all is search only: GET fhir/_all/{type}?params, and "
            + "GET fhir/_all/Patient/$everything. Read a resource at the plan it came from, "
            + "fhir/{alias}/{type}/{id} (its fullUrl)."));
    }

    /** CORS preflight for browser apps. */
    @OPTIONS
    @Path("{path: .*}")
    public Response preflight() {
        return ApiCors.preflight();
    }

    /** Writes are refused: 405. */
    @POST
    @Path("{path: .*}")
    public Response post() {
        return refuseWrite("POST");
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

    private Response refuseWrite(String method) {
        return Response.fromResponse(problem(FhirProblem.methodNotAllowed("fhir/_all is a read-only search: "
            + method + " is not allowed. Use GET fhir/_all/{type}?params."))).header("Allow", "GET").build();
    }

    private Response problem(FhirProblem problem) {
        ApiCors.forAnyone();
        return new ProblemResponses(session.getContext().getRealm().getName()).of(problem);
    }
}
