package dev.payeraccess.brands;

import dev.payeraccess.api.ApiCors;
import dev.payeraccess.fhir.OperationOutcomeWriter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Date;
import java.util.List;
import org.keycloak.models.KeycloakSession;

/**
 * {@code /realms/{realm}/payer-access/payers/brands}: the realm's plan directory as a SMART App Launch 2.2
 * User-access Brands Bundle, so other apps can show the same plans, and another Keycloak with this extension can
 * import them ({@code POST /admin/realms/{realm}/payer-access/brands}).
 */
public final class BrandsBundleResource {

    /** The URLs in the Bundle may follow the request's host: caches keep one copy per host. */
    private static final String VARY = "Host, Forwarded, X-Forwarded-Host, X-Forwarded-Proto, X-Forwarded-Port";

    private final KeycloakSession session;

    public BrandsBundleResource(KeycloakSession session) {
        this.session = session;
    }

    /**
     * The realm's enabled plans as brands, public and without secrets: per plan an {@code Organization} (brand
     * identifier, name, logo, description) and an {@code Endpoint} (the plan's own FHIR R4 base). No client ids,
     * secrets or authorization endpoints; disabled plans are not listed. CORS for any origin, a weak {@code ETag}
     * and {@code If-None-Match} as the profile asks. Streamed: a realm of thousands of plans is written resource by
     * resource, and a 304 writes nothing.
     *
     * @return 200 {@code application/fhir+json} Bundle of type collection; 304 when {@code If-None-Match} holds the
     *     current ETag
     */
    @GET
    @Produces(OperationOutcomeWriter.FHIR_JSON)
    public Response bundle(@HeaderParam("If-None-Match") String ifNoneMatch) {
        ApiCors.forAnyone();
        List<ListedPlan> plans = PlanBrands.enabled(session);
        // The tag covers the plans, not the time the Bundle was written, so an unchanged directory answers 304, and
        // is known before a byte of the Bundle is written.
        EntityTag tag = new EntityTag(BrandsBundleWriter.tag(plans), true);
        CacheControl cache = new CacheControl();
        cache.setMaxAge(60);
        cache.setPrivate(true);
        if (ifNoneMatch != null && ifNoneMatch.replace("W/", "").replace("\"", "").trim().equals(tag.getValue())) {
            return Response.notModified(tag).cacheControl(cache).header("Vary", VARY).build();
        }
        Date now = new Date();
        StreamingOutput body = out -> BrandsBundleWriter.write(plans, now, out);
        return Response.ok(body, OperationOutcomeWriter.FHIR_JSON).tag(tag).cacheControl(cache).header("Vary", VARY)
            .build();
    }

    /** CORS preflight for browser apps reading the Bundle. */
    @OPTIONS
    public Response preflight() {
        return ApiCors.preflight();
    }
}
