package dev.payeraccess.health.round;

import dev.payeraccess.plan.DocumentClient;
import dev.payeraccess.plan.PlanProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * One node's part of a probe round, run on the thread that calls {@link #run}: it claims shares of the plans
 * ({@link PlanShares}) while its threads have room, hands each claimed plan's probe to {@link ProbeWorkers} (which
 * never open a session), and writes what they found back in short sessions of its own, a batch at a time. At the
 * deadline it stops starting probes: the plans still waiting, and the shares it claims from then on (so each is
 * counted by one node only), are late; probes under way end within their own deadlines and are kept.
 */
public final class ProbeRound {

    private static final Logger LOG = Logger.getLogger(ProbeRound.class);
    /** Findings written per transaction: few enough that one failing write costs little. */
    private static final int WRITES_PER_TRANSACTION = 50;

    /** Stores what one probe found, in a session of the round's (set the realm on it first). */
    public interface Recorder {
        void record(KeycloakSession session, ProbeTarget plan, PlanProbe.Result result);
    }

    /** Whether this node takes share {@code share} of the round: true for one node of the cluster only. */
    public interface Claims {
        boolean claim(int share);
    }

    /** A probe's end: what it found, or empty when it was not started before the deadline. */
    private record Probed(ProbeTarget plan, Optional<PlanProbe.Result> result) {
    }

    /** The round's counts so far. Used by the round's own thread only. */
    private static final class Tally {
        private int submitted;
        private int ended;
        private int probed;
        private int late;
    }

    private final KeycloakSessionFactory factory;
    private final ProbeWorkers workers;
    private final Recorder recorder;
    private final RoundMetrics metrics;

    public ProbeRound(KeycloakSessionFactory factory, ProbeWorkers workers, Recorder recorder, RoundMetrics metrics) {
        this.factory = factory;
        this.workers = workers;
        this.recorder = recorder;
        this.metrics = metrics;
    }

    /**
     * @param plans every plan of the round, as this node sees them
     * @param claims which shares this node takes
     * @param round orders the shares ({@link PlanShares#order}): the interval's number
     * @param deadline when no more probes start
     */
    public RoundOutcome run(List<ProbeTarget> plans, Claims claims, long round, Instant deadline) {
        long start = System.nanoTime();
        DocumentClient client = KeycloakModelUtils.runJobInTransactionWithResult(factory, workers::client);
        CompletionService<Probed> ended = new ExecutorCompletionService<>(workers.threads());
        Map<Integer, List<ProbeTarget>> shares = PlanShares.byShare(plans);
        Tally tally = new Tally();
        for (int share : PlanShares.order(round)) {
            List<ProbeTarget> inShare = shares.get(share);
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            if (inShare == null) {
                continue;
            }
            while (tally.submitted - tally.ended >= workers.parallelism() && Instant.now().isBefore(deadline)) {
                writeEnded(ended, tally, deadline);
            }
            if (!claims.claim(share)) {
                continue;
            }
            if (!Instant.now().isBefore(deadline)) {
                tally.late += inShare.size();
                continue;
            }
            for (ProbeTarget plan : inShare) {
                ended.submit(() -> probe(client, plan, deadline));
                tally.submitted++;
            }
        }
        while (tally.ended < tally.submitted) {
            writeEnded(ended, tally, Instant.MAX);
        }
        RoundOutcome outcome = new RoundOutcome(tally.probed, tally.late, Duration.ofNanos(System.nanoTime() - start));
        metrics.record(outcome);
        return outcome;
    }

    /** On a probing thread: no session here. */
    private static Probed probe(DocumentClient client, ProbeTarget plan, Instant deadline) {
        if (!Instant.now().isBefore(deadline)) {
            return new Probed(plan, Optional.empty());
        }
        return new Probed(plan, Optional.of(new PlanProbe(client, plan.timeoutMs()).probe(plan.fhirBaseUrl(),
            plan.servable())));
    }

    /** Waits until a probe ends (or {@code until}), then writes it and any others that ended meanwhile. */
    private void writeEnded(CompletionService<Probed> ended, Tally tally, Instant until) {
        List<Probed> batch = new ArrayList<>();
        try {
            Future<Probed> first = until.equals(Instant.MAX) ? ended.take()
                : ended.poll(Math.max(1, Duration.between(Instant.now(), until).toMillis()), TimeUnit.MILLISECONDS);
            Future<Probed> next = first;
            while (next != null) {
                tally.ended++;
                take(next).ifPresent(batch::add);
                next = batch.size() < WRITES_PER_TRANSACTION ? ended.poll() : null;
            }
        } catch (InterruptedException e) {
            // The node is shutting down: what ended is still written, the rest is not waited for.
            Thread.currentThread().interrupt();
            tally.ended = tally.submitted;
        }
        write(batch, tally);
    }

    private static Optional<Probed> take(Future<Probed> ended) throws InterruptedException {
        try {
            return Optional.of(ended.get());
        } catch (ExecutionException e) {
            LOG.warnf("A health-plan probe failed: %s", e.getCause().getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private void write(List<Probed> batch, Tally tally) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                for (Probed probed : batch) {
                    if (probed.result().isEmpty()) {
                        tally.late++;
                    } else if (record(session, probed.plan(), probed.result().get())) {
                        tally.probed++;
                    }
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("Storing %d health-plan findings failed: %s", batch.size(), e.getClass().getSimpleName());
        }
    }

    private boolean record(KeycloakSession session, ProbeTarget plan, PlanProbe.Result result) {
        try {
            recorder.record(session, plan, result);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("Storing the health of plan %s of realm %s failed: %s", plan.alias(), plan.realmName(),
                e.getClass().getSimpleName());
            return false;
        }
    }
}
