package dev.payeraccess.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.api.AdminRefusal;
import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.broker.RealmPlans;
import dev.payeraccess.conformance.PlanConformance;
import dev.payeraccess.conformance.Scorecard;
import dev.payeraccess.token.LinkStore;
import dev.payeraccess.token.MemberLink;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.UserModel;

/**
 * {@code /admin/realms/{realm}/payer-access/plans/{alias}/conformance}: "test this plan". Asks the plan for what it
 * publishes and, for a member the administrator names, looks at that member's link, then answers a scorecard whose
 * findings each say what was seen and which plan setting it implies.
 */
public final class PlanConformanceResource {

    private final AdminRequest request;
    private final String alias;

    PlanConformanceResource(AdminRequest request, String alias) {
        this.request = request;
        this.alias = alias;
    }

    /**
     * Checks the plan: its SMART discovery document against the plan's endpoints, PKCE, client authentication,
     * revocation and scope settings; https everywhere; its CapabilityStatement against FHIR R4, the allowed
     * resource types and the search parameters the proxy relies on. With {@code user}, also that user's link:
     * refresh token, access token lifetime, granted scope, where the member's Patient id came from, and how the plan
     * pages one of the member's searches (sent with the member's token, renewed first if due). Each call to the
     * plan waits at most the plan's {@code upstreamTimeoutMs}, and never more than 10 s. Needs
     * {@code manage-identity-providers}; with {@code user} also the right to view that user. Recorded as an admin
     * event ({@code ACTION} on the identity provider) with the summary.
     *
     * @param username a user of the realm who linked this plan; optional
     * @return 200 {@code {"plan", "checkedAt", "findings": [{"check", "result": "pass|warn|fail|skipped", "detail",
     *     "suggests": {setting: value}}], "summary": {"pass", "warn", "fail", "skipped"}}};
     *     404 {@code {"errorMessage"}} for no health plan with this alias, no such user, or a user without a link to
     *     this plan; 401 and 403 from
     *     Keycloak
     */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response check(@QueryParam("user") String username) {
        request.auth().realm().requireManageIdentityProviders();
        try {
            PlanIdentityProviderConfig plan = RealmPlans.byAlias(request.session(), alias)
                .orElseThrow(() -> AdminRefusal.notFound("Realm '" + request.realm().getName()
                    + "' has no health plan '" + alias + "' (an identity provider of type payer)."));
            Optional<PlanConformance.LinkedMember> member = member(plan, Optional.ofNullable(username)
                .filter(name -> !name.isBlank()));
            Scorecard scorecard = new PlanConformance(request.session(), request.realm()).check(plan, member);
            record(scorecard, member);
            return Response.ok(scorecard.toJson().toString(), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store").build();
        } catch (AdminRefusal refusal) {
            return refusal.response();
        }
    }

    /** Whether a user exists is asked only of an administrator who may look users up. */
    private Optional<PlanConformance.LinkedMember> member(PlanIdentityProviderConfig plan, Optional<String> username)
        throws AdminRefusal {
        if (username.isEmpty()) {
            return Optional.empty();
        }
        request.auth().users().requireQuery();
        UserModel user = request.session().users().getUserByUsername(request.realm(), username.get());
        if (user == null) {
            throw AdminRefusal.notFound("Realm '" + request.realm().getName() + "' has no user '" + username.get()
                + "'.");
        }
        // The member checks renew the member's token and read at the plan as the member: acting with their grant
        // needs the right to manage the user, not only to view them.
        request.auth().users().requireManage(user);
        MemberLink link = new LinkStore(request.session(), request.realm())
            .find(user, plan.endpoints(), plan.earlyLinksBinding());
        if (link instanceof MemberLink.NotLinked) {
            throw AdminRefusal.notFound("User '" + username.get() + "' has not linked the health plan '" + alias
                + "'.");
        }
        return Optional.of(new PlanConformance.LinkedMember(user, link));
    }

    /**
     * A check may use a member's token at the plan (and renew it), so it is recorded like a change: which plan,
     * whose link (the user id), and the summary. No finding's detail, no token, no member data.
     */
    private void record(Scorecard scorecard, Optional<PlanConformance.LinkedMember> member) {
        ObjectNode representation = scorecard.summary().put("check", "conformance");
        member.ifPresent(m -> representation.put("userId", m.user().getId()));
        request.adminEvent().resource(ResourceType.IDENTITY_PROVIDER).operation(OperationType.ACTION)
            .resourcePath("identity-provider", "instances", alias).representation(representation).success();
    }
}
