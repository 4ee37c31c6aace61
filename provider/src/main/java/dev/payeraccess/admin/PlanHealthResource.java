package dev.payeraccess.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.api.AdminRefusal;
import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.broker.RealmPlans;
import dev.payeraccess.health.PlanHealth;
import dev.payeraccess.health.PlanHealthMonitor;
import dev.payeraccess.health.PlanStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * {@code /admin/realms/{realm}/payer-access/plans/{alias}/health}: the plan's health with what the probe found,
 * the detail members and apps never see.
 */
public final class PlanHealthResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdminRequest request;
    private final String alias;

    PlanHealthResource(AdminRequest request, String alias) {
        this.request = request;
        this.alias = alias;
    }

    /**
     * The last probe's finding. Needs {@code view-identity-providers}.
     *
     * @return 200 {@code {"alias", "status": "up|degraded|down|unknown", "since", "checkedAt", "latencyMs",
     *     "detail", "endpointsConfirmed", "action"}} ({@code unknown} without the probe's fields when the plan was not
     *     probed yet; {@code action} only while {@code endpointsConfirmed} is false: discovered endpoints wait for
     *     the administrator, and no member can link the plan); 404 for a realm without this plan
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        request.auth().realm().requireViewIdentityProviders();
        Optional<PlanIdentityProviderConfig> plan = RealmPlans.byAlias(request.session(), alias);
        if (plan.isEmpty()) {
            return noSuchPlan();
        }
        return answer(plan.get(), monitor().health(request.realm(), alias));
    }

    /**
     * Probes the plan now (its SMART discovery document and its CapabilityStatement, without any member's token),
     * records the finding as the scheduled probe would, and returns it. Needs {@code manage-identity-providers}.
     *
     * @return 200 as {@link #health()}; 404 for a realm without this plan; 409 for a disabled plan, which is never
     *     probed
     */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response probe() {
        request.auth().realm().requireManageIdentityProviders();
        Optional<PlanIdentityProviderConfig> plan = RealmPlans.byAlias(request.session(), alias);
        if (plan.isEmpty()) {
            return noSuchPlan();
        }
        if (!plan.get().isEnabled()) {
            return AdminRefusal.conflict("Health plan '" + alias + "' is disabled; enable it to probe it.").response();
        }
        return answer(plan.get(), Optional.of(monitor().checkNow(request.realm(), plan.get())));
    }

    private PlanHealthMonitor monitor() {
        return request.session().getProvider(PlanHealthMonitor.class);
    }

    private Response answer(PlanIdentityProviderConfig plan, Optional<PlanHealth> health) {
        ObjectNode body = JSON.createObjectNode().put("alias", alias)
            .put("status", health.map(h -> h.status().wireName()).orElse(PlanStatus.UNKNOWN.wireName()));
        health.ifPresent(h -> body.put("since", h.since().toString()).put("checkedAt", h.checkedAt().toString())
            .put("latencyMs", h.latencyMs()).put("detail", h.detail()));
        // Whether the plan answers is one thing; whether members may use it is another, decided by the administrator.
        body.put("endpointsConfirmed", plan.endpointsConfirmed());
        if (!plan.endpointsConfirmed()) {
            body.put("action", PlanIdentityProviderConfig.AWAITING_CONFIRMATION);
        }
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store")
            .build();
    }

    private Response noSuchPlan() {
        return AdminRefusal.notFound("Realm '" + request.realm().getName() + "' has no health plan '" + alias
            + "' (an identity provider of type payer).").response();
    }
}
