package dev.payeraccess.profile;

import dev.payeraccess.api.AdminRefusal;
import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.broker.PlanIdentityProviderFactory;
import dev.payeraccess.broker.PlanStore;
import dev.payeraccess.broker.RealmPlans;
import dev.payeraccess.fhir.R4;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The realm's health plans as plan profiles: read from and saved through Keycloak's identity-provider store, each
 * save checked by the plan's save-time validation, as a save in the admin console is.
 */
public final class ProfileStore {

    /** What a save did to the realm, as the admin API answers it and records it. */
    public enum Change {
        CREATED(Response.Status.CREATED, OperationType.CREATE),
        UPDATED(Response.Status.OK, OperationType.UPDATE);

        public final Response.Status status;
        public final OperationType operation;

        Change(Response.Status status, OperationType operation) {
            this.status = status;
            this.operation = operation;
        }
    }

    /** A saved profile: what the save did, and the profile as stored (validation may have added endpoints). */
    public record Saved(Change change, ProfileDocument profile) {
    }

    private final KeycloakSession session;
    private final SharedSettings settings;
    private final PlanStore store;

    public ProfileStore(KeycloakSession session, RealmModel realm, SharedSettings settings) {
        this.session = session;
        this.settings = settings;
        this.store = new PlanStore(session, realm);
    }

    /** The profile of the realm's plan {@code alias}, enabled or not; empty when there is no such plan. */
    public Optional<ProfileDocument> export(String alias) {
        return RealmPlans.byAlias(session, alias).map(this::profileOf);
    }

    /**
     * Saves {@code profile} as the realm's plan of its alias. An existing plan gets the profile's settings (a
     * setting the profile lacks is removed) and its display name when the profile has one; its credentials,
     * enabled state, sign-in policy and Keycloak's own settings stay. A new plan is created disabled and without
     * credentials, waiting for the administrator to enter the client id and secret the plan registered.
     *
     * @param confirmed the settings the administrator confirmed the profile may widen (see {@link WidenedAccess})
     * @throws AdminRefusal 400 with the validation's message when the plan cannot work so; 409 when the alias
     *     belongs to another type of identity provider, or the profile widens a setting not confirmed
     */
    public Saved save(ProfileDocument profile, Set<String> confirmed) throws AdminRefusal {
        Optional<PlanIdentityProviderConfig> plan = RealmPlans.byAlias(session, profile.alias());
        if (plan.isPresent()) {
            confirmed(profile, plan.get().getConfig(), settings.replacedIn(plan.get().getConfig(), profile.settings()),
                confirmed);
            return new Saved(Change.UPDATED, profileOf(update(plan.get(), profile)));
        }
        IdentityProviderModel other = session.identityProviders().getByAlias(profile.alias());
        if (other != null) {
            throw AdminRefusal.conflict("Alias '" + profile.alias() + "' belongs to an identity provider of type '"
                + other.getProviderId() + "', not to a health plan: save the profile under another alias.");
        }
        confirmed(profile, Map.of(), profile.settings(), confirmed);
        return new Saved(Change.CREATED, profileOf(create(profile)));
    }

    /**
     * A profile comes from another organization: turning PKCE or the audience off, asking for more scopes or
     * forwarding more types must be confirmed by name, never happen because a document said so.
     */
    private static void confirmed(ProfileDocument profile, Map<String, String> before, Map<String, String> after,
                                  Set<String> confirmed) throws AdminRefusal {
        WidenedAccess widened = WidenedAccess.between(before, after, R4.context().getResourceTypes());
        List<String> unconfirmed = widened.unconfirmed(confirmed);
        if (!unconfirmed.isEmpty()) {
            throw AdminRefusal.conflict("This profile widens what plan '" + profile.alias() + "' asks for or lets "
                + "apps read: " + widened.describe(unconfirmed) + ". If that is intended, save it again with ?confirm="
                + String.join(",", unconfirmed) + ".");
        }
    }

    /**
     * Where an existing plan's member logins and client secret go: a profile never moves them. Otherwise a document
     * from elsewhere could send every member who relinks to another host's login page, and the plan's client secret
     * with each code to another host's token endpoint.
     */
    private static final List<String> ENDPOINTS = List.of(PlanIdentityProviderConfig.FHIR_BASE_URL,
        PlanIdentityProviderConfig.AUTHORIZATION_URL, PlanIdentityProviderConfig.TOKEN_URL,
        PlanIdentityProviderConfig.REVOCATION_URL, PlanIdentityProviderConfig.PAGING_HOSTS);

    /**
     * {@code plan} is the store's model copied (see {@link RealmPlans}): a refused profile leaves the stored plan as it
     * was.
     */
    private PlanIdentityProviderConfig update(PlanIdentityProviderConfig plan, ProfileDocument profile)
        throws AdminRefusal {
        List<String> moved = ENDPOINTS.stream().filter(key -> !Objects.equals(trimmed(plan.getConfig().get(key)),
            trimmed(profile.settings().get(key)))).toList();
        if (!moved.isEmpty()) {
            throw AdminRefusal.conflict("This profile would change " + String.join(", ", moved) + " of plan '"
                + plan.getAlias() + "', which keeps its client secret: a profile never moves an existing plan's "
                + "endpoints. Change them in the admin console (Identity providers > " + plan.getAlias() + "), or "
                + "import the profile under a new alias and enter its credentials there.");
        }
        plan.setConfig(settings.replacedIn(plan.getConfig(), profile.settings()));
        profile.displayName().ifPresent(plan::setDisplayName);
        store.update(plan);
        return plan;
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private PlanIdentityProviderConfig create(ProfileDocument profile) throws AdminRefusal {
        PlanIdentityProviderConfig plan = new PlanIdentityProviderConfig();
        plan.setAlias(profile.alias());
        plan.setProviderId(PlanIdentityProviderFactory.PROVIDER_ID);
        plan.setDisplayName(profile.displayName().orElse(null));
        // A profile carries no credentials: nothing may call the plan before the administrator enters them and
        // enables it, a save that requires the client id (PlanConfigValidation).
        plan.setEnabled(false);
        plan.getConfig().putAll(profile.settings());
        store.create(plan);
        return plan;
    }

    private ProfileDocument profileOf(PlanIdentityProviderConfig plan) {
        return new ProfileDocument(plan.getAlias(), Optional.ofNullable(plan.getDisplayName()),
            settings.profileOf(plan.getConfig()));
    }
}
