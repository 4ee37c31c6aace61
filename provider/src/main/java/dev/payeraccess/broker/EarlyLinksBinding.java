package dev.payeraccess.broker;

import dev.payeraccess.token.TokenBinding;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Records once per plan what members' links stored before tokens were bound belong to
 * ({@value PlanIdentityProviderConfig#EARLY_LINKS_BOUND_TO}): the binding of the plan's settings as they are when
 * the extension first starts after the upgrade, before anyone can change them through it.
 *
 * <p>Why: a link the release before token binding stored carries no binding. Bound to the plan's settings at its
 * first use, it would follow an administrator who re-pointed the plan between the upgrade and that use, and
 * Keycloak would send the member's token to the new host. One digest per plan, from its settings: no link is
 * decrypted.
 *
 * <p>When: at every start (Keycloak's {@code PostMigrationEvent}, after its migrations and realm imports, before
 * this node serves requests) for each plan without a record, so the first start after the upgrade records them
 * all and later starts only the plans a node of the previous release created meanwhile; and on every save of a
 * plan (its validation): a new plan records its own settings, a changed plan keeps the record it has whatever the
 * request says. Two nodes starting at once write the same value; the write that loses that race is tried once
 * more, and then finds the value there.
 */
final class EarlyLinksBinding {

    private static final Logger LOG = Logger.getLogger(EarlyLinksBinding.class);

    private EarlyLinksBinding() {
    }

    /** At start: each plan of each realm that has no record gets the one of its settings now. */
    static void recordAtStart(KeycloakSessionFactory factory) {
        List<String> realmIds = KeycloakModelUtils.runJobInTransactionWithResult(factory,
            session -> session.realms().getRealmsStream().map(RealmModel::getId).toList());
        realmIds.forEach(realmId -> recordInRealm(factory, realmId));
    }

    /**
     * On a save of {@code saved} (create or update): puts on it the record it must keep. Without a Keycloak session
     * (never in a running Keycloak) it records nothing, which leaves links stored before binding unusable.
     */
    static void keepOnSave(Optional<KeycloakSession> session, RealmModel realm, PlanIdentityProviderConfig saved) {
        if (session.isEmpty() || realm == null) {
            saved.getConfig().remove(PlanIdentityProviderConfig.EARLY_LINKS_BOUND_TO);
            return;
        }
        Optional<PlanIdentityProviderConfig> stored = inRealm(session.get(), realm,
            () -> RealmPlans.byAlias(session.get(), saved.getAlias()));
        saved.recordEarlyLinks(onSave(saved, stored, () -> linked(session.get(), realm, saved.getAlias())));
    }

    /**
     * The record a saved plan keeps: the stored plan's, whatever the request says (an edit never changes it); for a
     * plan saved before it had one, its settings before this edit. A new plan records its own settings, unless
     * members are linked to its alias already.
     *
     * @param stored the plan as stored before this save; empty when the save creates it
     * @param alreadyLinked whether any member has a link to the plan's alias
     */
    static String onSave(PlanIdentityProviderConfig saved, Optional<PlanIdentityProviderConfig> stored,
                         BooleanSupplier alreadyLinked) {
        if (stored.isPresent()) {
            return stored.get().earlyLinksRecord().orElseGet(() -> recordOf(stored.get()));
        }
        // Links outlive a plan removed without them (a partial import that overwrites a plan keeps its members'
        // links): the new plan's settings say nothing about where they came from.
        return alreadyLinked.getAsBoolean() ? PlanIdentityProviderConfig.NO_EARLY_LINKS : recordOf(saved);
    }

    /** The record of the plan's settings as they are. */
    static String recordOf(PlanIdentityProviderConfig plan) {
        return plan.fhirBaseUrl().isEmpty() ? PlanIdentityProviderConfig.NO_EARLY_LINKS
            : TokenBinding.of(plan.endpoints()).toRecord();
    }

    private static void recordInRealm(KeycloakSessionFactory factory, String realmId) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> recordMissing(session, realmId));
        } catch (RuntimeException raced) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> recordMissing(session, realmId));
            } catch (RuntimeException e) {
                LOG.warnf("Could not record the settings of the health plans of realm %s that links stored before "
                    + "token binding belong to: %s. Until it is recorded (at the next start), such links need a "
                    + "relink.", realmId, e.getClass().getName());
            }
        }
    }

    private static void recordMissing(KeycloakSession session, String realmId) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null) {
            return;
        }
        // The identity-provider store works on the context's realm.
        session.getContext().setRealm(realm);
        for (PlanIdentityProviderConfig plan : unrecorded(session.identityProviders().getAllStream())) {
            session.identityProviders().update(plan);
            LOG.infof("Health plan '%s' of realm '%s': members' links stored before token binding keep working "
                + "while the plan keeps its present endpoints and client; after a change of them they need a relink.",
                plan.getAlias(), realm.getName());
        }
    }

    /** Of a realm's identity providers: the plans without a record, each with its own record put on it. */
    static List<PlanIdentityProviderConfig> unrecorded(Stream<IdentityProviderModel> providers) {
        return providers.filter(p -> PlanIdentityProviderFactory.PROVIDER_ID.equals(p.getProviderId()))
            .map(PlanIdentityProviderConfig::new)
            .filter(p -> p.earlyLinksRecord().isEmpty())
            .map(EarlyLinksBinding::withOwnRecord)
            .toList();
    }

    private static PlanIdentityProviderConfig withOwnRecord(PlanIdentityProviderConfig plan) {
        plan.recordEarlyLinks(recordOf(plan));
        return plan;
    }

    /** Whether any member of the realm has a link to {@code alias}: one indexed query, at most one user read. */
    private static boolean linked(KeycloakSession session, RealmModel realm, String alias) {
        return session.users().searchForUserStream(realm, Map.of(UserModel.IDP_ALIAS, alias), 0, 1)
            .findAny().isPresent();
    }

    /** Runs {@code lookup} with {@code realm} as the context's realm (a realm import may run in another). */
    private static <T> T inRealm(KeycloakSession session, RealmModel realm, Supplier<T> lookup) {
        RealmModel context = session.getContext().getRealm();
        if (context != null && context.getId().equals(realm.getId())) {
            return lookup.get();
        }
        session.getContext().setRealm(realm);
        try {
            return lookup.get();
        } finally {
            session.getContext().setRealm(context);
        }
    }
}
