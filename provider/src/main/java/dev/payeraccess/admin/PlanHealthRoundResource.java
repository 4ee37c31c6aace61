package dev.payeraccess.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payeraccess.health.PlanHealthMonitor;
import dev.payeraccess.health.round.RoundOutcome;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /admin/realms/{realm}/payer-access/plans/health}: a probe round of all the realm's plans on demand, e.g.
 * right after adding many, instead of waiting for the schedule.
 */
public final class PlanHealthRoundResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdminRequest request;

    PlanHealthRoundResource(AdminRequest request) {
        this.request = request;
    }

    /**
     * Probes every enabled plan of the realm now, on the node that answers, as a scheduled round does: in parallel
     * ({@code probeParallelism} at a time), each document with its deadline, within one interval; records each
     * finding as the scheduled probe would (see {@code GET plans/{alias}/health}). Answers when the round has ended.
     * Needs {@code manage-identity-providers}.
     *
     * @return 200 {@code {"probed", "late", "durationMs"}}: plans probed, plans not probed within the interval, and how
     *     long the round took
     */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response probeAll() {
        request.auth().realm().requireManageIdentityProviders();
        RoundOutcome outcome = request.session().getProvider(PlanHealthMonitor.class).checkAll(request.realm());
        String body = JSON.createObjectNode().put("probed", outcome.probed()).put("late", outcome.late())
            .put("durationMs", outcome.duration().toMillis()).toString();
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build();
    }
}
