package dev.payeraccess.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.api.AdminRefusal;
import dev.payeraccess.onboarding.CredentialsSheet;
import dev.payeraccess.onboarding.EnabledPlan;
import dev.payeraccess.onboarding.PlanCredentials;
import dev.payeraccess.onboarding.PlanEnabling;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

/**
 * {@code /admin/realms/{realm}/payer-access/plans/enable}: enables many plans at once, typically those a Brands
 * import created disabled, from one sheet of each plan's alias and credentials.
 */
public final class PlanEnablingResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdminRequest request;

    PlanEnablingResource(AdminRequest request) {
        this.request = request;
    }

    /**
     * Enables each plan of the sheet with its credentials: JSON {@code {"plans": [{"alias", "clientId",
     * "clientSecret", "clientAuthMethod", "clientAssertionSigningAlg", "confirmEndpoints"}]}} or CSV
     * ({@code text/csv}) with a header line naming the same columns but {@code confirmEndpoints}. The secret may be a
     * vault reference {@code ${vault.key}}; {@code private_key_jwt} needs none. Each plan is saved with the save-time
     * validation of its admin form; a refused plan stays as it was. A plan whose endpoints discovery filled in is
     * enabled but offered to members only once a later request names them in {@code confirmEndpoints}. Each changed
     * plan is an admin event of its identity provider, without the secret. Needs {@code manage-identity-providers}.
     * At most {@value CredentialsSheet#MAX_PLANS} plans a request.
     *
     * @return 200 {@code {"plans": [{"alias", "outcome", "reason", "inUse", "changed", "awaitingConfirmation"}],
     *     "counts": {"enabled": n, …}}, {@code outcome} one of {@code enabled},
     *     {@code confirmed}, {@code unchanged}, {@code refused}, {@code not-tried}; 400 {@code {"errorMessage"}} for a
     *     sheet that cannot be read (nothing is saved); 409 when the store refused a save as a duplicate (nothing is
     *     saved); 401 and 403 from Keycloak
     */
    @POST
    @Consumes({MediaType.APPLICATION_JSON, "text/csv"})
    @Produces(MediaType.APPLICATION_JSON)
    public Response enable(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        request.auth().realm().requireManageIdentityProviders();
        List<PlanCredentials> sheet;
        try {
            sheet = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/csv")
                ? CredentialsSheet.fromCsv(body) : CredentialsSheet.fromJson(body);
        } catch (IllegalArgumentException e) {
            return AdminRefusal.badRequest(e.getMessage()).response();
        }
        List<EnabledPlan> plans = new PlanEnabling(request.session(), request.realm(), Clock.systemUTC()).apply(sheet);
        if (request.session().getTransactionManager().getRollbackOnly()) {
            return AdminRefusal.conflict("Another identity provider was saved with a name one of these plans has, "
                + "while this request ran: nothing was saved. Send the sheet again.").response();
        }
        plans.stream().filter(plan -> !plan.changed().isEmpty()).forEach(this::record);
        return Response.ok(answer(plans).toString(), MediaType.APPLICATION_JSON_TYPE)
            .header("Cache-Control", "no-store").build();
    }

    private static ObjectNode answer(List<EnabledPlan> plans) {
        ObjectNode answer = JSON.createObjectNode();
        plans.forEach(plan -> answer.withArray("plans").add(plan.toJson(JSON)));
        ObjectNode counts = answer.putObject("counts");
        Arrays.stream(EnabledPlan.Outcome.values()).forEach(outcome -> counts.put(outcome.wireName(),
            plans.stream().filter(plan -> plan.outcome() == outcome).count()));
        return answer;
    }

    /** The admin event says which settings changed, never their values: a secret is never in an event. */
    private void record(EnabledPlan plan) {
        ObjectNode representation = JSON.createObjectNode().put("alias", plan.alias())
            .put("outcome", plan.outcome().wireName()).put("inUse", plan.inUse());
        plan.changed().forEach(representation.putArray("changed")::add);
        request.adminEvent().resource(ResourceType.IDENTITY_PROVIDER).operation(OperationType.UPDATE)
            .resourcePath("identity-provider", "instances", plan.alias())
            .representation(representation).success();
    }
}
