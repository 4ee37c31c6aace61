package dev.payeraccess.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakSessionTask;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.scheduled.ScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TaskRunner;
import org.keycloak.timer.TimerProvider;

/**
 * Work the extension does at a fixed interval in the background: a round that one node of the cluster runs per
 * interval, or a round every node takes a share of ({@link #inShares}), on this schedule's own thread, and quick
 * node-local tasks every node runs. One instance per kind of work, created once by its factory and closed with it.
 *
 * <p>The timer task only claims the interval and hands the round to the schedule's own daemon thread: a plan that
 * answers slowly then holds that thread, never Keycloak's timer, which runs Keycloak's own cleanups too. A node
 * still busy with its last round leaves the interval to the others.
 */
public final class IntervalSchedule implements AutoCloseable {

    /** Keycloak's runner that lets one node of the cluster run a task at a time (in every 26.x distribution). */
    private static final String CLUSTER_AWARE_RUNNER =
        "org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner";

    private final String name;
    private final Duration interval;
    /** One round at a time on this node; a round still running when the next interval comes is not doubled. */
    private final AtomicBoolean roundRunning = new AtomicBoolean();
    private final ExecutorService rounds;

    /** @param name names the timer tasks, the thread and the cluster-wide claim of each interval */
    public IntervalSchedule(String name, Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("A schedule needs a positive interval");
        }
        this.name = name;
        this.interval = interval;
        this.rounds = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    public Duration interval() {
        return interval;
    }

    /** Runs {@code round} once per interval on the one node of the cluster that claims the interval first. */
    public void onOneNode(KeycloakSessionFactory factory, Consumer<KeycloakSessionFactory> round) {
        ScheduledTask claim = new NamedTask(name, session -> {
            if (!roundRunning.get() && claimedThisInterval(session) && roundRunning.compareAndSet(false, true)) {
                rounds.execute(() -> {
                    try {
                        round.accept(factory);
                    } finally {
                        roundRunning.set(false);
                    }
                });
            }
        });
        schedule(factory, clusterAware(factory, claim, interval.toMillis()), claim.getTaskName());
    }

    /**
     * Runs {@code round} on every node in every interval, each node taking the shares of the interval's work it
     * claims ({@link IntervalShares}) until the interval ends. Intervals are aligned to the epoch, so all nodes work
     * on the same one; each node joins it at its first tick in it ({@link #tick()}), and a node still busy when an
     * interval begins joins that one late, once its round is done.
     */
    public void inShares(KeycloakSessionFactory factory, BiConsumer<KeycloakSessionFactory, IntervalShares> round) {
        AtomicLong lastJoined = new AtomicLong(-1);
        Runnable join = () -> {
            long number = IntervalShares.numberAt(Instant.now(), interval);
            if (number <= lastJoined.get() || !roundRunning.compareAndSet(false, true)) {
                return;
            }
            lastJoined.set(number);
            try {
                rounds.execute(() -> {
                    try {
                        round.accept(factory, new IntervalShares(factory, name, interval, number));
                    } finally {
                        roundRunning.set(false);
                    }
                });
            } catch (RejectedExecutionException closed) {
                // The schedule was closed with the node; Keycloak's timer thread must not end on it.
                roundRunning.set(false);
            }
        };
        String taskName = name + "-shares";
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
            .schedule(join, tick().toMillis(), taskName));
    }

    /**
     * How often a node looks whether a new interval began, for {@link #inShares}: a tenth of the interval, between
     * 1 and 30 seconds, so a node joins each interval soon after it begins without a timer task every moment.
     */
    Duration tick() {
        Duration tenth = interval.dividedBy(10);
        Duration bounded = tenth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
            : tenth.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : tenth;
        return bounded.compareTo(interval) > 0 ? interval : bounded;
    }

    /** Runs {@code task} on every node once per interval, in Keycloak's timer: for quick node-local work only. */
    public void onEveryNode(KeycloakSessionFactory factory, String taskName, KeycloakSessionTask task) {
        schedule(factory, new ScheduledTaskRunner(factory, new NamedTask(taskName, task)), taskName);
    }

    @Override
    public void close() {
        rounds.shutdownNow();
    }

    private void schedule(KeycloakSessionFactory factory, TaskRunner runner, String taskName) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
            .schedule(runner, interval.toMillis(), taskName));
    }

    /**
     * Keycloak's cluster-aware runner keeps two nodes from running at the same time, but each node's timer fires
     * once per interval at its own moment, so both would run every interval (its lock ends with the task, read in
     * 26.7.3). The first node to claim the current interval in the cluster-wide single-use store runs it; the
     * others skip it.
     */
    private boolean claimedThisInterval(KeycloakSession session) {
        long seconds = interval.toSeconds();
        long slot = System.currentTimeMillis() / 1000 / seconds;
        return session.singleUseObjects().putIfAbsent(name + ".interval::" + slot, seconds * 2);
    }

    private static TaskRunner clusterAware(KeycloakSessionFactory factory, ScheduledTask task, long intervalMillis) {
        try {
            // Keycloak ships the class in its distribution but publishes no library with it, so it is looked up.
            return (TaskRunner) Class.forName(CLUSTER_AWARE_RUNNER)
                .getConstructor(KeycloakSessionFactory.class, ScheduledTask.class, long.class)
                .newInstance(factory, task, intervalMillis);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("This Keycloak lacks " + CLUSTER_AWARE_RUNNER + "; " + task.getTaskName()
                + " needs it", e);
        }
    }

    private record NamedTask(String name, KeycloakSessionTask body) implements ScheduledTask {

        @Override
        public void run(KeycloakSession session) {
            body.run(session);
        }

        @Override
        public String getTaskName() {
            return name;
        }
    }
}
