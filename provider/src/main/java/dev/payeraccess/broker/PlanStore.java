package dev.payeraccess.broker;

import dev.payeraccess.api.AdminRefusal;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;

/**
 * Saves the realm's plans through Keycloak's identity-provider store, each save checked by the plan's save-time
 * validation, as a save in the admin console is: what this admin API creates or changes can work, or is refused.
 */
public final class PlanStore {

    private final KeycloakSession session;
    private final RealmModel realm;

    public PlanStore(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * @throws AdminRefusal 400 with the validation's message when the plan cannot work so; 409 when the store
     *     refuses a duplicate
     */
    public void create(PlanIdentityProviderConfig plan) throws AdminRefusal {
        validate(plan);
        store(() -> session.identityProviders().create(plan));
    }

    /**
     * {@code plan} is the store's model copied (see {@code RealmPlans}): a refused change leaves the stored plan as
     * it was.
     *
     * @throws AdminRefusal as {@link #create}
     */
    public void update(PlanIdentityProviderConfig plan) throws AdminRefusal {
        validate(plan);
        store(() -> session.identityProviders().update(plan));
    }

    /**
     * The checks of every save of a plan. Keycloak's admin API runs them in {@code RepresentationToModel.toModel}
     * before it stores an identity provider (26.4 to 26.7); the store itself does not, so this path calls them too.
     */
    private void validate(PlanIdentityProviderConfig plan) throws AdminRefusal {
        try {
            plan.validate(realm);
        } catch (IllegalArgumentException e) {
            throw AdminRefusal.badRequest(e.getMessage() == null ? "The plan cannot be saved." : e.getMessage());
        }
    }

    /** A save the store refuses as a duplicate is a conflict, and nothing of the request is kept. */
    private void store(Runnable save) throws AdminRefusal {
        try {
            save.run();
        } catch (ModelDuplicateException e) {
            session.getTransactionManager().setRollbackOnly();
            throw AdminRefusal.conflict(e.getMessage() == null ? "An identity provider with this alias or display "
                + "name exists already." : e.getMessage());
        }
    }
}
