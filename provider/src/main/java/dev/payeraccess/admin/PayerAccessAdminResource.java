package dev.payeraccess.admin;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * Root of {@code /admin/realms/{realm}/payer-access/}: the extension's admin API. Keycloak has authenticated the
 * caller's admin token before any of it runs (401 without one); each endpoint requires the realm permission it
 * needs (403 without). Routes only: every capability is a resource of its own, added here with its path.
 */
public final class PayerAccessAdminResource {

    private final AdminRequest request;

    PayerAccessAdminResource(AdminRequest request) {
        this.request = request;
    }

    /** Import of plans in bulk from a SMART User-access Brands Bundle; see {@link BrandsResource}. */
    @Path("brands")
    public BrandsResource brands() {
        return new BrandsResource(request);
    }

    /** Many plans enabled at once from one sheet of their credentials; see {@link PlanEnablingResource}. */
    @Path("plans/enable")
    public PlanEnablingResource planEnabling() {
        return new PlanEnablingResource(request);
    }

    /** Export and import of one plan's profile; see {@link PlanProfileResource}. */
    @Path("plans/{alias}/profile")
    public PlanProfileResource planProfile(@PathParam("alias") String alias) {
        return new PlanProfileResource(request, alias);
    }

    /** The plan's health, and a probe on demand; see {@link PlanHealthResource}. */
    @Path("plans/{alias}/health")
    public PlanHealthResource planHealth(@PathParam("alias") String alias) {
        return new PlanHealthResource(request, alias);
    }

    /** A probe round of all the realm's plans on demand; see {@link PlanHealthRoundResource}. */
    @Path("plans/health")
    public PlanHealthRoundResource planHealthRound() {
        return new PlanHealthRoundResource(request);
    }

    /** "Test this plan": a conformance check of the plan and, optionally, of one member's link to it. */
    @Path("plans/{alias}/conformance")
    public PlanConformanceResource planConformance(@PathParam("alias") String alias) {
        return new PlanConformanceResource(request, alias);
    }

    /** The realm's lifecycle events filtered by kind and plan; see {@link LifecycleEventsResource}. */
    @Path("lifecycle-events")
    public LifecycleEventsResource lifecycleEvents() {
        return new LifecycleEventsResource(request);
    }

    /** Receivers subscribed to lifecycle events as signed webhooks; see {@link WebhooksResource}. */
    @Path("webhooks")
    public WebhooksResource webhooks() {
        return new WebhooksResource(request);
    }
}
