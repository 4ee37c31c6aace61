package dev.payeraccess.cluster;

import dev.payeraccess.keycloak.KeycloakDistribution;
import dev.payeraccess.keycloak.KeycloakServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two Keycloak nodes of one distribution on one PostgreSQL database, behind nginx: a production install in
 * miniature on one host. Each node has its own HTTP, management and cluster ports; both discover each other
 * through the database (the default {@code jdbc-ping} stack of 26.7) and run with {@code --hostname} set to nginx's
 * URL, so every URL either hands out is nginx's.
 *
 * <p>Node A starts first, on the empty database, and imports the realms; node B starts when A is ready (two nodes
 * creating Keycloak's schema at once race and one exits). The cluster is up when both logs show a cluster view of
 * two. Tests {@link #kill(int)} a node, {@link #start(int)} it again and {@link #restart()} both; each start of a
 * node keeps the previous log as {@code {log}.{n}}.
 */
public final class KeycloakCluster implements AutoCloseable {

    /** Infinispan's "ISPN000094: Received new cluster view for channel ISPN: [a|3] (2) [a, b]". */
    private static final Pattern VIEW = Pattern.compile("ISPN000094: Received new cluster view for channel \\S+: "
        + "\\[[^]]*] \\((\\d+)\\)");
    private static final Duration VIEW_TIMEOUT = Duration.ofSeconds(90);
    private static final String[] NODE_NAMES = {"a", "b"};

    /**
     * What the nodes share.
     *
     * @param name names the logs: {@code keycloak-{name}-a.log}, {@code keycloak-{name}-b.log}
     * @param publicPort nginx's port; the nodes' own ports are free ones
     * @param realmFiles imported by node A into the empty database
     * @param moreOptions further {@code kc.sh start} options of both nodes
     */
    public record Plan(String name, Path workDir, int publicPort, List<Path> realmFiles, Map<String,
        String> environment,
                       List<String> moreOptions) {
        public Plan {
            realmFiles = List.copyOf(realmFiles);
            environment = Map.copyOf(environment);
            moreOptions = List.copyOf(moreOptions);
        }
    }

    private final KeycloakDistribution distribution;
    private final PostgresServer database;
    private final NginxFront front;
    private final List<KeycloakServer.Options> nodeOptions;
    private final KeycloakServer[] running;
    private final int[] starts;

    private KeycloakCluster(KeycloakDistribution distribution, PostgresServer database, NginxFront front,
                            List<KeycloakServer.Options> nodeOptions) {
        this.distribution = distribution;
        this.database = database;
        this.front = front;
        this.nodeOptions = List.copyOf(nodeOptions);
        this.running = new KeycloakServer[nodeOptions.size()];
        this.starts = new int[nodeOptions.size()];
    }

    /**
     * Starts PostgreSQL, nginx and the two nodes from {@code distribution}, which must already be built with
     * {@code --db=postgres}; returns once both nodes see each other.
     */
    public static KeycloakCluster start(ClusterTools tools, KeycloakDistribution distribution,
        Plan plan) throws Exception {
        Path logs = plan.workDir().resolve("logs");
        for (String node : NODE_NAMES) {
            KeycloakServer.stopLeftover(nodeLog(plan, node));
        }
        PostgresServer database = PostgresServer.start(tools, logs.resolve("postgres-" + plan.name() + ".dir"),
            logs.resolve("postgres-" + plan.name() + ".log"));
        NginxFront front = null;
        KeycloakCluster cluster = null;
        try {
            List<KeycloakServer.Options> options = nodeOptions(plan, database, "http://localhost:" + plan.publicPort());
            front = NginxFront.start(tools, plan.publicPort(), options.stream().map(KeycloakServer.Options::httpPort)
                .toList(), plan.workDir().resolve("nginx-" + plan.name()));
            cluster = new KeycloakCluster(distribution, database, front, options);
            cluster.startNode(0, options.get(0));
            cluster.startNode(1, options.get(1));
            cluster.awaitClusterView();
            return cluster;
        } catch (Exception e) {
            if (cluster != null) {
                cluster.close();
            } else {
                if (front != null) {
                    front.close();
                }
                database.close();
            }
            throw e;
        }
    }

    private static List<KeycloakServer.Options> nodeOptions(Plan plan, PostgresServer database, String publicUrl)
        throws IOException {
        List<KeycloakServer.Options> options = new ArrayList<>();
        int previousClusterPort = 0;
        for (int i = 0; i < NODE_NAMES.length; i++) {
            int clusterPort = LocalPorts.freeClusterPort(previousClusterPort);
            previousClusterPort = clusterPort;
            options.add(new KeycloakServer.Options(LocalPorts.free(), LocalPorts.free(), database.database(),
                Optional.of(publicUrl), OptionalInt.of(clusterPort), plan.moreOptions(),
                i == 0 ? plan.realmFiles() : List.of(), plan.environment(),
                nodeLog(plan, NODE_NAMES[i]), "admin", "admin"));
        }
        return options;
    }

    private static Path nodeLog(Plan plan, String node) {
        return plan.workDir().resolve("logs").resolve("keycloak-" + plan.name() + "-" + node + ".log");
    }

    /** nginx's URL: what apps, browsers and Keycloak's own links use. */
    public String publicUrl() {
        return front.url();
    }

    public NginxFront front() {
        return front;
    }

    public PostgresServer database() {
        return database;
    }

    /** Node {@code index} (0 is A, 1 is B), which must be running. */
    public KeycloakServer node(int index) {
        KeycloakServer node = running[index];
        if (node == null) {
            throw new IllegalStateException("Node " + NODE_NAMES[index] + " is not running");
        }
        return node;
    }

    public int size() {
        return running.length;
    }

    /** Whether node {@code index} runs: not killed, or started again since. */
    public boolean isRunning(int index) {
        return running[index] != null;
    }

    /** {@code kill -9} of node {@code index}: it leaves the cluster the way a crash does. */
    public void kill(int index) {
        node(index).kill();
        running[index] = null;
    }

    /** Starts node {@code index} again (after {@link #kill(int)}) and waits until every node sees the others. */
    public KeycloakServer start(int index) throws Exception {
        if (running[index] != null) {
            throw new IllegalStateException("Node " + NODE_NAMES[index] + " is running");
        }
        startNode(index, nodeOptions.get(index).withoutImport());
        awaitClusterView();
        return running[index];
    }

    /**
     * Stops both nodes cleanly, then starts both again on the same database, as a maintenance window or a reboot of
     * the hosts would. The schema exists by now, so the nodes start side by side (only creating it races).
     */
    public void restart() throws Exception {
        for (int i = running.length - 1; i >= 0; i--) {
            if (running[i] != null) {
                running[i].close();
                running[i] = null;
            }
        }
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (int i = 0; i < running.length; i++) {
            int index = i;
            starts.add(CompletableFuture.runAsync(() -> startNodeUnchecked(index,
                nodeOptions.get(index).withoutImport())));
        }
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        awaitClusterView();
    }

    private void startNodeUnchecked(int index, KeycloakServer.Options options) {
        try {
            startNode(index, options);
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private void startNode(int index, KeycloakServer.Options options) throws Exception {
        keepPreviousLog(index, options.log());
        KeycloakServer started = distribution.start(options);
        synchronized (running) {
            running[index] = started;
        }
    }

    private void keepPreviousLog(int index, Path log) throws IOException {
        if (starts[index]++ > 0 && Files.exists(log)) {
            Files.move(log, log.resolveSibling(log.getFileName() + "." + (starts[index] - 1)),
                StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Waits until the latest cluster view in every running node's log has as many members as nodes run. */
    private void awaitClusterView() throws IOException, InterruptedException {
        long expected = java.util.Arrays.stream(running).filter(java.util.Objects::nonNull).count();
        Instant deadline = Instant.now().plus(VIEW_TIMEOUT);
        while (true) {
            List<String> behind = new ArrayList<>();
            for (KeycloakServer node : running) {
                if (node != null && latestView(node.logText()).orElse(0) != expected) {
                    behind.add(node + " sees " + latestView(node.logText()).map(n -> n + " node(s)").orElse("no view"));
                }
            }
            if (behind.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("No cluster view of " + expected + " within " + VIEW_TIMEOUT + ": "
                    + behind);
            }
            Thread.sleep(250);
        }
    }

    /** The member count of the last cluster view a node logged. */
    static Optional<Integer> latestView(String log) {
        Matcher view = VIEW.matcher(log);
        Optional<Integer> latest = Optional.empty();
        while (view.find()) {
            latest = Optional.of(Integer.parseInt(view.group(1)));
        }
        return latest;
    }

    /** Stops nginx, the nodes (B first) and PostgreSQL, each also when an earlier one fails. */
    @Override
    public void close() {
        front.close();
        for (int i = running.length - 1; i >= 0; i--) {
            if (running[i] != null) {
                running[i].close();
                running[i] = null;
            }
        }
        database.close();
    }

    @Override
    public String toString() {
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < running.length; i++) {
            nodes.add(NODE_NAMES[i] + ": " + (running[i] == null ? "down" : running[i].toString()));
        }
        return "Keycloak cluster at " + publicUrl() + " (" + String.join("; ", nodes) + "; " + database + ")";
    }
}
