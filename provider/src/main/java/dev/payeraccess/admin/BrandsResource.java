package dev.payeraccess.admin;

import dev.payeraccess.api.AdminRefusal;
import dev.payeraccess.brands.BrandImport;
import dev.payeraccess.brands.BrandImportReport;
import dev.payeraccess.brands.BrandsBundle;
import dev.payeraccess.brands.ImportedPlan;
import dev.payeraccess.brands.RefusedBundle;
import dev.payeraccess.plan.PlanConnections;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

/**
 * {@code /admin/realms/{realm}/payer-access/brands}: adds plans in bulk from a SMART App Launch 2.2 User-access
 * Brands Bundle, one plan per (brand, FHIR endpoint) pair. The realm's own plans are published in the same format
 * at {@code /realms/{realm}/payer-access/payers/brands}, so one realm's export is another's import.
 */
public final class BrandsResource {

    private final AdminRequest request;

    BrandsResource(AdminRequest request) {
        this.request = request;
    }

    /**
     * Imports a Brands Bundle. A pair whose endpoint is no plan of the realm yet becomes one, <em>disabled</em>,
     * with the brand's name, logo and the endpoint as FHIR base, named after the brand's identifier
     * ({@code acmehealth}, {@code acmehealth-2}...): the administrator enters its client id and secret and enables
     * it, which discovers its endpoints. A pair whose endpoint is a plan already updates the plan's name, logo and
     * description when they changed, and nothing else: importing the same Bundle again changes nothing. Each created
     * or updated plan is an admin event of its identity provider. Needs {@code manage-identity-providers}.
     *
     * @return 200 {@code {"created", "updated", "unchanged", "refused"}}, each a list, a refusal with its
     *     {@code source} in the Bundle and the {@code reason}; 400 {@code {"errorMessage"}} for a body that is no
     *     FHIR Bundle of type collection; 409 when the store refused a plan as a duplicate (nothing is saved); 401
     *     and 403 from Keycloak
     */
    /** Larger than any real plan list: one import is one transaction, and each plan one identity provider. */
    static final int MAX_PLANS = 500;
    static final int MAX_BUNDLE_CHARS = 10_000_000;

    @POST
    @Consumes({"application/fhir+json", MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    public Response importBundle(String body) {
        request.auth().realm().requireManageIdentityProviders();
        if (body != null && body.length() > MAX_BUNDLE_CHARS) {
            return AdminRefusal.badRequest("The Bundle is larger than " + MAX_BUNDLE_CHARS / 1_000_000
                + " MB: split it "
                + "and import the parts one after another.").response();
        }
        BrandsBundle bundle;
        try {
            bundle = BrandsBundle.read(body, request.session().getProvider(PlanConnections.class).targets());
        } catch (RefusedBundle e) {
            return AdminRefusal.badRequest(e.getMessage()).response();
        }
        if (bundle.endpoints().size() > MAX_PLANS) {
            return AdminRefusal.badRequest("The Bundle names " + bundle.endpoints().size()
                + " plans; one import takes at "
                + "most " + MAX_PLANS + ": split it and import the parts one after another.").response();
        }
        BrandImportReport report = new BrandImport(request.session(), request.realm()).apply(bundle);
        if (request.session().getTransactionManager().getRollbackOnly()) {
            return AdminRefusal.conflict("Another identity provider was saved with an alias this import chose, while "
                + "it ran: nothing of this import was saved. Import the Bundle again.").response();
        }
        report.plans().stream().filter(plan -> plan.outcome() != ImportedPlan.Outcome.UNCHANGED).forEach(this::record);
        return Response.ok(report.toJson().toString(), MediaType.APPLICATION_JSON_TYPE)
            .header("Cache-Control", "no-store").build();
    }

    private void record(ImportedPlan plan) {
        request.adminEvent().resource(ResourceType.IDENTITY_PROVIDER)
            .operation(plan.outcome() == ImportedPlan.Outcome.CREATED ? OperationType.CREATE : OperationType.UPDATE)
            .resourcePath("identity-provider", "instances", plan.alias())
            .representation(BrandImportReport.describe(plan)).success();
    }
}
