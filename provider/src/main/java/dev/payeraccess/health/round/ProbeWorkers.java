package dev.payeraccess.health.round;

import dev.payeraccess.plan.DocumentClient;
import dev.payeraccess.plan.KeycloakHttpOptions;
import dev.payeraccess.plan.PlanConnections;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.impl.client.CloseableHttpClient;
import org.keycloak.connections.httpclient.DefaultHttpClientFactory;
import org.keycloak.models.KeycloakSession;

/**
 * This node's means to probe plans: {@code parallelism} threads of its own and as many connections of its own,
 * built by Keycloak's HTTP client factory from the {@code connectionsHttpClient} options (truststore,
 * {@code proxy-mappings}, client keystore) but apart from Keycloak's pool (logins, brokering) and the proxy's
 * ({@code maxConnections}): a round never waits for their connections, nor they for a round's. Each request opens a
 * new connection: between rounds, minutes apart, a kept connection would have been closed by the plan's side, and a
 * probe on it would fail and show a plan down that is not. One instance per node, closed with it.
 */
public final class ProbeWorkers implements AutoCloseable {

    private final int parallelism;
    private final ThreadPoolExecutor probes;
    private final ScheduledExecutorService deadlines;
    private final DefaultHttpClientFactory clients = new DefaultHttpClientFactory();
    private volatile CloseableHttpClient client;

    public ProbeWorkers(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("A probe round needs at least one thread");
        }
        this.parallelism = parallelism;
        clients.init(KeycloakHttpOptions.with(Map.of("connection-pool-size", String.valueOf(parallelism),
            "max-pooled-per-route", String.valueOf(parallelism), "reuse-connections", "false", "max-retries", "0")));
        // Idle threads end after a minute: between rounds a node holds none.
        this.probes = new ThreadPoolExecutor(parallelism, parallelism, 60, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), daemonThreads("payer-access-plan-probe-"));
        probes.allowCoreThreadTimeOut(true);
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
            daemonThreads("payer-access-plan-probe-deadlines-"));
        timer.setRemoveOnCancelPolicy(true);
        this.deadlines = timer;
    }

    public int parallelism() {
        return parallelism;
    }

    /** The threads a round's probes run on: never more than {@link #parallelism()} at once. */
    ExecutorService threads() {
        return probes;
    }

    /**
     * What the probes read plans' documents with: this node's probe connections, each request ended at its deadline,
     * and the node's outbound targets. Holds no session; built on first use, as Keycloak's truststore is only
     * reachable through one.
     */
    public DocumentClient client(KeycloakSession session) {
        return new DocumentClient(http(session), session.getProvider(PlanConnections.class).targets());
    }

    private CloseableHttpClient http(KeycloakSession session) {
        CloseableHttpClient built = client;
        if (built == null) {
            synchronized (this) {
                if (client == null) {
                    client = new DeadlineHttpClient(clients.create(session).getHttpClient(), deadlines);
                }
                built = client;
            }
        }
        return built;
    }

    @Override
    public void close() {
        probes.shutdownNow();
        deadlines.shutdownNow();
        clients.close();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
