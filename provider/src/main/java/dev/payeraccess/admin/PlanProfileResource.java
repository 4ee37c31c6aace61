package dev.payeraccess.admin;

import dev.payeraccess.api.AdminRefusal;
import dev.payeraccess.profile.ProfileDocument;
import dev.payeraccess.profile.ProfileStore;
import dev.payeraccess.profile.RefusedProfile;
import dev.payeraccess.profile.SharedSettings;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.events.admin.ResourceType;

/**
 * {@code /admin/realms/{realm}/payer-access/plans/{alias}/profile}: one health plan's profile, a versioned JSON
 * document of where the plan's endpoints are and how it bends the standard, so one organization can share a
 * working plan with another. Never the client id or secret, nor this organization's plan sign-in policy.
 */
public final class PlanProfileResource {

    private final AdminRequest request;
    private final String alias;

    PlanProfileResource(AdminRequest request, String alias) {
        this.request = request;
        this.alias = alias;
    }

    /**
     * The plan's profile: every setting of the plan form that has a value, except the client id, the client secret
     * and "Allow sign-in through this plan". Needs the role {@code view-identity-providers}.
     *
     * @return 200 {@code {"format": "payer-access/plan-profile", "version": 1, "plan": {"alias", "displayName",
     *     "settings": {...}}}}; 404 {@code {"errorMessage"}} when the realm has no health plan with this alias (another
     *     type of identity provider included); 401 and 403 from Keycloak
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response export() {
        request.auth().realm().requireViewIdentityProviders();
        return plans().export(alias).map(profile -> answer(Response.Status.OK, profile))
            .orElseGet(() -> AdminRefusal.notFound("Realm '" + request.realm().getName() + "' has no health plan '"
                + alias + "' (an identity provider of type payer). PUT a plan profile here to create it.").response());
    }

    /**
     * Saves a plan profile document (as {@link #export()} answers it) as this plan. An existing plan's profile
     * settings are replaced by the document's, a setting the document lacks is removed, and its client id and
     * secret, enabled state and sign-in policy stay. Without such a plan, one is created <em>disabled</em> and
     * without credentials: the administrator enters the client id and secret the plan registered, then enables it.
     * The plan's save-time validation runs as on any save. The change is recorded as an admin event on the
     * identity provider, with the profile (no secret) as representation. Needs {@code manage-identity-providers}.
     *
     * @return 201 (created) or 200 (updated) with the saved profile; 400 {@code {"errorMessage"}} for a body that
     *     is no version-1 plan profile, carries credentials or a key that is no profile setting (named), names
     *     another alias than the path, or holds a setting validation refuses (its message); 409 when the alias
     *     belongs to another type of identity provider, when the profile would move an existing plan's endpoints,
     *     or when it widens access (PKCE or the audience off, more scopes asked for, more types forwarded) without
     *     {@code ?confirm=} naming each widened setting; 401 and 403 from Keycloak
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response save(String body, @QueryParam("confirm") String confirm) {
        request.auth().realm().requireManageIdentityProviders();
        try {
            ProfileStore.Saved saved = plans().save(read(body), confirmed(confirm));
            request.adminEvent().resource(ResourceType.IDENTITY_PROVIDER).operation(saved.change().operation)
                .resourcePath("identity-provider", "instances", alias).representation(saved.profile().toJson())
                .success();
            return answer(saved.change().status, saved.profile());
        } catch (AdminRefusal refusal) {
            return refusal.response();
        }
    }

    /** {@code ?confirm=pkceEnabled,defaultScope}: the settings the profile may widen, each named. */
    private static Set<String> confirmed(String confirm) {
        return confirm == null ? Set.of() : Arrays.stream(confirm.split(",")).map(String::trim)
            .filter(name -> !name.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    private ProfileDocument read(String body) throws AdminRefusal {
        try {
            return ProfileDocument.read(body, alias, SharedSettings.ofPlanForm());
        } catch (RefusedProfile e) {
            throw AdminRefusal.badRequest(e.getMessage());
        }
    }

    private Response answer(Response.Status status, ProfileDocument profile) {
        Response.ResponseBuilder answer = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
            .entity(profile.toJson().toString()).header("Cache-Control", "no-store");
        if (status == Response.Status.CREATED) {
            answer.location(request.session().getContext().getUri().getAbsolutePath());
        }
        return answer.build();
    }

    private ProfileStore plans() {
        return new ProfileStore(request.session(), request.realm(), SharedSettings.ofPlanForm());
    }
}
