package dev.payeraccess.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payeraccess.api.ApiCors;
import dev.payeraccess.brands.BrandsBundleResource;
import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.directory.DirectoryQuery;
import dev.payeraccess.directory.DirectorySearch;
import dev.payeraccess.directory.PlanDirectory;
import dev.payeraccess.directory.PlanPickerPage;
import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.OperationOutcomeWriter;
import dev.payeraccess.fhir.ProblemResponses;
import dev.payeraccess.links.LinksResource;
import dev.payeraccess.proxy.FhirProxyResource;
import dev.payeraccess.proxy.allplans.AllPlansResource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.theme.FreeMarkerException;

/**
 * Root of {@code /realms/{realm}/payer-access/}.
 *
 * <p>Every answer of this API, errors included, is something an app can parse: errors are FHIR
 * {@code OperationOutcome}s, never an HTML page.
 */
public final class PayerAccessResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the picker passes on to Keycloak's authorization endpoint; anything else is dropped. */
    private static final List<String> CONNECT_PARAMETERS = List.of("client_id", "redirect_uri",
        "state", "nonce", "scope", "code_challenge", "code_challenge_method", "response_mode");

    private final KeycloakSession session;

    PayerAccessResource(KeycloakSession session) {
        this.session = session;
    }

    /**
     * The realm's enabled health plans, public: alias, display name, logo URL, description, the proxy's
     * FHIR base for the plan, the plan's own FHIR base and the resource types the proxy forwards. No client
     * ids, secrets or authorization endpoints. A JSON array of at most {@code _count} plans (default
     * {@value DirectoryQuery#DEFAULT_COUNT}, at most {@value DirectoryQuery#MAX_COUNT}) ordered by display name;
     * when more plans match, a {@code Link: <…>; rel="next"} header names the next page. {@code name} keeps the plans
     * whose name, alias or description holds each of its words. Cacheable: {@code ETag}, {@code If-None-Match}
     * answers 304.
     *
     * @return 200 JSON array; 304; 400 {@code OperationOutcome} for a {@code _count}, {@code name} or
     *     {@code after} this directory does not take
     */
    @GET
    @Path("payers")
    @Produces(MediaType.APPLICATION_JSON)
    public Response payers(@HeaderParam("If-None-Match") String ifNoneMatch,
                           @QueryParam(DirectoryQuery.NAME) String name, @QueryParam(DirectoryQuery.COUNT) String count,
                           @QueryParam(DirectoryQuery.AFTER) String after) {
        ApiCors.forAnyone();
        DirectoryQuery query;
        try {
            query = DirectoryQuery.of(name, count, after);
        } catch (IllegalArgumentException e) {
            return problems().of(FhirProblem.badRequest(e.getMessage()));
        }
        PlanDirectory directory = new PlanDirectory(session, session.getContext().getRealm());
        DirectorySearch.Page<PlanIdentityProviderConfig> page = directory.page(query);
        String body = directory.toJson(page.plans(), JSON).toString();
        Optional<String> next = page.next().map(cursor -> directory.next(query, cursor));
        // The tag covers the next link too: a plan added after this page's last one makes a next page appear.
        String tagged = body + next.orElse("");
        EntityTag tag = new EntityTag(Integer.toHexString(tagged.hashCode()) + Integer.toHexString(tagged.length()));
        // The URLs in it come from Keycloak's hostname settings, which may follow the request's Host and
        // forwarding headers: only the app's own cache may keep it, and per those headers.
        CacheControl cache = new CacheControl();
        cache.setMaxAge(60);
        cache.setPrivate(true);
        String vary = "Host, Forwarded, X-Forwarded-Host, X-Forwarded-Proto, X-Forwarded-Port";
        Response.ResponseBuilder answer = ifNoneMatch != null && ifNoneMatch.replace("\"", "").equals(tag.getValue())
            ? Response.notModified(tag) : Response.ok(body, MediaType.APPLICATION_JSON).tag(tag);
        next.ifPresent(url -> answer.header("Link", "<" + url + ">; rel=\"next\""));
        return answer.cacheControl(cache).header("Vary", vary).build();
    }

    /**
     * The health-plan picker: a searchable, accessible page listing the realm's plans with logos and
     * descriptions. An app sends the member here with the parameters it would send to Keycloak's
     * authorization endpoint ({@code client_id}, {@code redirect_uri}, {@code state}, PKCE); choosing a plan
     * starts Keycloak's application-initiated linking of that plan, and the member ends on the app's
     * {@code redirect_uri} with an authorization code, linked. {@code name} and {@code after} search and page the
     * list as in {@code payers}: a realm with more plans than a page of the directory lists one page.
     *
     * @return 200 HTML; 400 {@code OperationOutcome} without a {@code client_id} of this realm
     */
    @GET
    @Path("connect")
    @Produces(MediaType.TEXT_HTML)
    public Response connect(@Context UriInfo uri) {
        RealmModel realm = session.getContext().getRealm();
        Map<String, String> forwarded = new LinkedHashMap<>();
        for (String name : CONNECT_PARAMETERS) {
            String value = uri.getQueryParameters().getFirst(name);
            if (value != null && !value.isBlank()) {
                forwarded.put(name, value);
            }
        }
        String clientId = forwarded.get("client_id");
        if (clientId == null || realm.getClientByClientId(clientId) == null || forwarded.get("redirect_uri") == null) {
            return problems().of(FhirProblem.badRequest("The picker needs the client_id of an app of realm "
                + realm.getName() + " and its redirect_uri, as for an authorization request."));
        }
        String name = uri.getQueryParameters().getFirst(DirectoryQuery.NAME);
        PlanPickerPage.Request request;
        try {
            request = new PlanPickerPage.Request(forwarded, name, DirectoryQuery.of(name, null,
                uri.getQueryParameters().getFirst(DirectoryQuery.AFTER)));
        } catch (IllegalArgumentException e) {
            return problems().of(FhirProblem.badRequest(e.getMessage()));
        }
        try {
            String html = new PlanPickerPage(session, realm).render(request);
            return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).header("Cache-Control", "no-store")
                .build();
        } catch (IOException | FreeMarkerException e) {
            return problems().of(FhirProblem.serverError("The plan picker could not be rendered; the server "
                + "log says why."));
        }
    }

    /** The plan directory as a SMART User-access Brands Bundle; see {@link BrandsBundleResource}. */
    @Path("payers/brands")
    public BrandsBundleResource brands() {
        return new BrandsBundleResource(session);
    }

    /** The caller's links to health plans; see {@link LinksResource}. */
    @Path("links")
    public LinksResource links() {
        return new LinksResource(session);
    }

    /** CORS preflight for browser apps reading the plan directory. */
    @OPTIONS
    @Path("payers")
    public Response preflight() {
        return ApiCors.preflight();
    }

    /**
     * One search across every plan the caller linked; see {@link AllPlansResource}. A literal path, so it wins over
     * {@code fhir/{alias}} (and no plan may take {@code _all} as its alias).
     */
    @Path("fhir/" + AllPlansResource.ALIAS)
    public AllPlansResource allPlans() {
        return new AllPlansResource(session);
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
