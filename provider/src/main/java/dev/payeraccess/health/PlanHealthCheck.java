package dev.payeraccess.health;

import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.fhir.R4;
import dev.payeraccess.health.round.ProbeTarget;
import dev.payeraccess.lifecycle.LifecycleChange;
import dev.payeraccess.lifecycle.LifecycleRecorder;
import dev.payeraccess.plan.DocumentClient;
import dev.payeraccess.plan.PlanProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * One probe of one plan and what follows from it: the finding stored for every node, and when the status
 * changed, one log line and one realm event ({@code IDENTITY_PROVIDER_RESPONSE_ERROR} with error
 * {@code plan_down} or {@code plan_degraded}; {@code IDENTITY_PROVIDER_RESPONSE} when it is up again), recorded as
 * the lifecycle change {@code plan.health_changed} (so webhooks subscribed to it hear of it too). What the probe
 * found is in the log, the admin API and the event's {@code reason}; the webhook carries states and times only.
 */
final class PlanHealthCheck {

    private static final Logger LOG = Logger.getLogger(PlanHealthCheck.class);

    private final KeycloakSession session;
    private final Duration lifespan;

    /** @param lifespan how long the finding is kept without a newer one */
    PlanHealthCheck(KeycloakSession session, Duration lifespan) {
        this.session = session;
        this.lifespan = lifespan;
    }

    /**
     * What a probe round needs to probe {@code plan} without a session.
     *
     * @param probeTimeout the longest a probe waits for each document (the plan's own timeout when shorter)
     */
    static ProbeTarget target(RealmModel realm, PlanIdentityProviderConfig plan, Duration probeTimeout) {
        int timeoutMs = (int) Math.min(plan.upstreamTimeoutMs(), probeTimeout.toMillis());
        return new ProbeTarget(realm.getId(), realm.getName(), plan.getAlias(), plan.fhirBaseUrl().orElseThrow(),
            timeoutMs, Set.copyOf(R4.resourceTypesAmong(plan.allowedResourceTypes())));
    }

    /** Probes {@code plan} now, on this thread, through {@code client}, and records what it found. */
    PlanHealth check(RealmModel realm, ProbeTarget plan, DocumentClient client) {
        return record(realm, plan.alias(), new PlanProbe(client, plan.timeoutMs()).probe(plan.fhirBaseUrl(),
            plan.servable()));
    }

    /** Stores what a probe of plan {@code alias} found, and announces a change of its status. */
    PlanHealth record(RealmModel realm, String alias, PlanProbe.Result probe) {
        PlanHealthStore store = new PlanHealthStore(session);
        Optional<PlanHealth> previous = store.health(realm.getId(), alias);
        PlanHealth now = PlanHealth.after(previous, HealthRules.judge(probe), probe.metadata().latencyMs(),
            Instant.now());
        store.save(realm.getId(), alias, now, lifespan);
        probe.capabilities().ifPresent(c -> store.saveCapabilities(realm.getId(), alias, c));
        PlanStatus before = previous.map(PlanHealth::status).orElse(PlanStatus.UNKNOWN);
        if (before != now.status() && !(before == PlanStatus.UNKNOWN && now.status() == PlanStatus.UP)) {
            announce(realm, alias, before, now);
        }
        return now;
    }

    private void announce(RealmModel realm, String alias, PlanStatus before, PlanHealth now) {
        LOG.infof("Health plan %s of realm %s is %s (was %s): %s", alias, realm.getName(), now.status().wireName(),
            before.wireName(), now.detail());
        new LifecycleRecorder(session, realm).record(LifecycleChange.planHealth(alias, before.wireName(),
            now.status().wireName(), now.since()), Map.of("reason", now.detail()));
    }
}
