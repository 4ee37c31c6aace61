package dev.payeraccess.onboarding;

import dev.payeraccess.api.AdminRefusal;
import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.broker.PlanStore;
import dev.payeraccess.broker.RealmPlans;
import dev.payeraccess.onboarding.EnabledPlan.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Enables the plans of a credentials sheet one by one, each saved as the admin console's form saves it
 * ({@link PlanStore}: the plan's save-time validation, which requires the client id, checks the realm's signing key
 * for {@code private_key_jwt} and discovers the endpoints left empty). A plan the validation refuses stays as it
 * was; the others are enabled.
 *
 * <p>Endpoints discovery fills in wait for the administrator as they do in the form: a plan enabled so is not offered
 * to members until a later request confirms them by naming them as the answer listed them ({@code confirmEndpoints}),
 * the sheet's equivalent of the form's switch, which never confirms values the administrator has not seen.
 */
public final class PlanEnabling {

    /** How long one request may enable plans: discovery at a slow plan takes seconds, and a proxy waits a minute. */
    public static final Duration BUDGET = Duration.ofSeconds(50);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PlanStore store;
    private final Clock clock;

    public PlanEnabling(KeycloakSession session, RealmModel realm, Clock clock) {
        this.session = session;
        this.realm = realm;
        this.store = new PlanStore(session, realm);
        this.clock = clock;
    }

    /** What became of each plan, in the sheet's order. */
    public List<EnabledPlan> apply(List<PlanCredentials> sheet) {
        Instant deadline = clock.instant().plus(BUDGET);
        List<EnabledPlan> answers = new ArrayList<>();
        for (PlanCredentials line : sheet) {
            answers.add(clock.instant().isAfter(deadline) ? EnabledPlan.refused(line.alias(), Outcome.NOT_TRIED,
                "Not tried: this request used its " + BUDGET.toSeconds() + " s. Send this plan again.")
                : apply(line));
        }
        return answers;
    }

    private EnabledPlan apply(PlanCredentials line) {
        Optional<PlanIdentityProviderConfig> found = RealmPlans.byAlias(session, line.alias());
        if (found.isEmpty()) {
            return EnabledPlan.refused(line.alias(), Outcome.REFUSED, "Realm " + realm.getName() + " has no health "
                + "plan " + line.alias() + ": use the alias Identity providers lists.");
        }
        PlanIdentityProviderConfig plan = found.get();
        try {
            if (!plan.isEnabled()) {
                return enable(plan, line);
            }
            if (line.givesCredentials()) {
                // A new client id on a plan in use leaves every member's link to be reconnected: the form, not a sheet.
                return EnabledPlan.refused(line.alias(), Outcome.UNCHANGED, "The plan is enabled already: this "
                    + "request enables disabled plans. Change an enabled plan's credentials in its form.");
            }
            return confirm(plan, line);
        } catch (AdminRefusal refusal) {
            return EnabledPlan.refused(line.alias(), Outcome.REFUSED, refusal.getMessage());
        }
    }

    private EnabledPlan enable(PlanIdentityProviderConfig plan, PlanCredentials line) throws AdminRefusal {
        List<String> changed = new ArrayList<>();
        line.clientId().ifPresent(id -> set(plan, PlanIdentityProviderConfig.CLIENT_ID, id, changed));
        line.clientSecret().ifPresent(secret -> set(plan, PlanIdentityProviderConfig.CLIENT_SECRET, secret, changed));
        line.clientAuthMethod().ifPresent(method -> set(plan, PlanIdentityProviderConfig.CLIENT_AUTH_METHOD, method,
            changed));
        line.clientAssertionSigningAlg().ifPresent(alg -> set(plan,
            PlanIdentityProviderConfig.CLIENT_ASSERTION_SIGNING_ALG, alg, changed));
        if (!line.confirmEndpoints().isEmpty()) {
            switchConfirmationOn(plan, line, changed);
        }
        plan.setEnabled(true);
        changed.add("enabled");
        store.update(plan);
        return new EnabledPlan(plan.getAlias(), Outcome.ENABLED, Optional.empty(), changed,
            plan.endpointsAwaitingConfirmation());
    }

    private EnabledPlan confirm(PlanIdentityProviderConfig plan, PlanCredentials line) throws AdminRefusal {
        Map<String, String> waiting = plan.endpointsAwaitingConfirmation();
        if (line.confirmEndpoints().isEmpty() || waiting.isEmpty()) {
            return new EnabledPlan(plan.getAlias(), Outcome.UNCHANGED, Optional.of(waiting.isEmpty()
                ? "The plan is enabled and its endpoints are confirmed already."
                : "The plan is enabled already; its discovered endpoints wait for " + CredentialsSheet.CONFIRM_ENDPOINTS
                + "."), List.of(), waiting);
        }
        List<String> changed = new ArrayList<>();
        switchConfirmationOn(plan, line, changed);
        store.update(plan);
        return new EnabledPlan(plan.getAlias(), Outcome.CONFIRMED, Optional.empty(), changed,
            plan.endpointsAwaitingConfirmation());
    }

    /** The form's switch, on only for exactly the endpoints waiting, as the administrator read them. */
    private static void switchConfirmationOn(PlanIdentityProviderConfig plan, PlanCredentials line,
                                             List<String> changed) throws AdminRefusal {
        Map<String, String> waiting = plan.endpointsAwaitingConfirmation();
        Map<String, String> named = new TreeMap<>();
        line.confirmEndpoints().forEach((key, value) -> named.put(key, value.trim()));
        if (!named.equals(waiting)) {
            throw AdminRefusal.badRequest(CredentialsSheet.CONFIRM_ENDPOINTS + " must name the endpoints waiting for "
                + "confirmation as they are" + (waiting.isEmpty() ? ", and none are waiting."
                : ": " + waiting.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ")) + ". Compare them with the plan's developer documentation."));
        }
        plan.getConfig().put(PlanIdentityProviderConfig.DISCOVERED_ENDPOINTS_CONFIRMED, "true");
        changed.add(PlanIdentityProviderConfig.DISCOVERED_ENDPOINTS_CONFIRMED);
    }

    private static void set(PlanIdentityProviderConfig plan, String key, String value, List<String> changed) {
        plan.getConfig().put(key, value);
        changed.add(key);
    }
}
