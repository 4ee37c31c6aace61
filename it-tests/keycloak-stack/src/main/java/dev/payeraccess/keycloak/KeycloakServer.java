package dev.payeraccess.keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A running Keycloak ({@code kc.sh start --optimized}) on free ports, with its output in a log file.
 * Closing it, a JVM shutdown (Ctrl-C) or the next start after a crash stops the process: no orphan
 * Keycloak is left behind. {@link #kill()} ends it the way a crash would, for the cluster tests.
 */
public final class KeycloakServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param database the dev-file database of this server alone (tests and the demo never share one), or the
     *                 PostgreSQL database of a cluster
     * @param hostname the public URL behind a reverse proxy ({@code --hostname}, with
     * {@code --proxy-headers=xforwarded});
     *                 empty: every request's own host ({@code --hostname-strict=false})
     * @param clusterPort this node's Infinispan/JGroups port on 127.0.0.1, for a cluster on one host; empty for a
     *                    server that does not cluster
     * @param moreOptions further {@code kc.sh start} options, e.g. those a version takes at start rather than build
     * @param realmFiles realm JSON files imported at startup ({@code --import-realm})
     * @param environment extra environment variables, e.g. values for {@code ${...}} placeholders in realm files
     * @param log file that receives the server's console output
     */
    public record Options(int httpPort, int managementPort, Database database, Optional<String> hostname,
                          OptionalInt clusterPort, List<String> moreOptions, List<Path> realmFiles,
                          Map<String, String> environment, Path log, String adminUser, String adminPassword) {
        public Options {
            moreOptions = List.copyOf(moreOptions);
            realmFiles = List.copyOf(realmFiles);
            environment = Map.copyOf(environment);
        }

        /** The same server importing nothing: a node joining a database that has its realms already. */
        public Options withoutImport() {
            return new Options(httpPort, managementPort, database, hostname, clusterPort, moreOptions, List.of(),
                environment, log, adminUser, adminPassword);
        }
    }

    private final Process process;
    private final Options options;
    private final Thread shutdownHook;
    private Duration startup = Duration.ZERO;

    private KeycloakServer(Process process, Options options, Thread shutdownHook) {
        this.process = process;
        this.options = options;
        this.shutdownHook = shutdownHook;
    }

    static KeycloakServer start(Path home, Options options) throws IOException, InterruptedException {
        stopLeftover(options.log());
        if (!options.realmFiles().isEmpty()) {
            prepareImport(home, options.realmFiles());
        }
        if (options.database() instanceof Database.DevFile devFile) {
            Files.createDirectories(devFile.dir());
        }
        Files.createDirectories(options.log().getParent());

        ProcessBuilder builder = new ProcessBuilder(command(options)).directory(home.toFile())
            .redirectErrorStream(true).redirectOutput(options.log().toFile());
        builder.environment().putAll(options.environment());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", options.adminUser());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", options.adminPassword());
        // Keycloak sizes its heap from the machine's memory by default; a test server needs far less.
        builder.environment().putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx1g");

        Instant begin = Instant.now();
        Process process = builder.start();
        Files.writeString(Path.of(options.log() + ".pid"), Long.toString(process.pid()));
        Thread hook = new Thread(() -> stop(process), "keycloak-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        KeycloakServer server = new KeycloakServer(process, options, hook);
        try {
            server.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        server.startup = Duration.between(begin, Instant.now());
        return server;
    }

    private static List<String> command(Options options) {
        List<String> command = new ArrayList<>(List.of("bash", "bin/kc.sh", "start", "--optimized",
            "--http-enabled=true", "--http-port=" + options.httpPort(),
            "--http-management-port=" + options.managementPort()));
        command.addAll(options.database().startOptions());
        if (options.hostname().isPresent()) {
            // Every URL Keycloak and the extension hand out is built from this, whatever node answers.
            command.add("--hostname=" + options.hostname().get());
            command.add("--proxy-headers=xforwarded");
        } else {
            command.add("--hostname-strict=false");
        }
        options.clusterPort().ifPresent(port -> {
            command.add("--cache-embedded-network-bind-address=127.0.0.1");
            command.add("--cache-embedded-network-bind-port=" + port);
        });
        command.addAll(options.moreOptions());
        if (!options.realmFiles().isEmpty()) {
            command.add("--import-realm");
        }
        return command;
    }

    /**
     * The dev-file database in {@code dataDir}, opened with H2's {@code AUTO_SERVER} so that a test can open
     * it too while Keycloak runs (H2 then serves the second process over a loopback TCP port it picks), e.g.
     * to put a row in the state an older release of the extension left it in. Connect with the same URL and
     * an empty user and password, as Keycloak does. H2 refuses
     * {@code AUTO_SERVER} with Keycloak's usual {@code DB_CLOSE_ON_EXIT=FALSE}, so the server runs with
     * {@code TRUE}: H2 closes the database from its own shutdown hook when Keycloak stops.
     */
    public static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("keycloakdb") + ";AUTO_SERVER=TRUE";
    }

    /** {@code --import-realm} reads {@code data/import}; it holds exactly the realms asked for. */
    private static void prepareImport(Path home, List<Path> realmFiles) throws IOException {
        Path importDir = home.resolve("data/import");
        Files.createDirectories(importDir);
        try (Stream<Path> old = Files.list(importDir)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        for (Path realm : realmFiles) {
            Files.copy(realm, importDir.resolve(realm.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Stops a Keycloak that wrote {@code log} in a run killed too hard to clean up (kill -9 of the test JVM); every
     * start does this itself, a cluster does it for all its nodes before it starts anything.
     */
    public static void stopLeftover(Path log) throws IOException {
        Path pidFile = Path.of(log + ".pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid)
            .filter(p -> p.info().commandLine().map(c -> c.contains("keycloak")).orElse(false))
            .ifPresent(KeycloakServer::stop);
        Files.delete(pidFile);
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create(managementUrl() + "/health/ready");
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with code " + process.exitValue()
                    + " during startup; last lines of " + options.log() + ":\n" + tail(40));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // HTTP opens late in startup; keep polling.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Keycloak was not ready within " + READY_TIMEOUT + "; last lines of "
            + options.log() + ":\n" + tail(40));
    }

    public String baseUrl() {
        return "http://localhost:" + options.httpPort();
    }

    public String managementUrl() {
        return "http://localhost:" + options.managementPort();
    }

    public Path log() {
        return options.log();
    }

    /** Where the dev-file (H2) database lives: {@code keycloakdb.mv.db} in it. */
    public Path dataDir() {
        if (options.database() instanceof Database.DevFile devFile) {
            return devFile.dir();
        }
        throw new IllegalStateException(this + " runs on " + options.database() + ", not on a dev-file database");
    }

    /** What this server was started with; {@link KeycloakDistribution#start(Options)} starts it again. */
    public Options options() {
        return options;
    }

    public String adminUser() {
        return options.adminUser();
    }

    public String adminPassword() {
        return options.adminPassword();
    }

    /** From process start to {@code /health/ready} answering 200. */
    public Duration startupTime() {
        return startup;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** The server's console output so far. */
    public String logText() throws IOException {
        return Files.readString(options.log());
    }

    private String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(options.log());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop(process.toHandle());
        forget();
    }

    /**
     * {@code kill -9} of the Keycloak JVM and its launcher script, as a crash or a pulled plug would end it: no
     * shutdown hooks, no leaving the cluster, open transactions and held cluster locks abandoned.
     */
    public void kill() {
        ProcessHandle handle = process.toHandle();
        List<ProcessHandle> tree = Stream.concat(handle.descendants(), Stream.of(handle)).toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                throw new IllegalStateException("pid " + p.pid() + " survived SIGKILL", stillThere);
            }
        }
        forget();
    }

    private void forget() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run; nothing left to undo.
        }
        try {
            Files.deleteIfExists(Path.of(options.log() + ".pid"));
        } catch (IOException e) {
            // A stale pid file is checked against the process command line at the next start.
        }
    }

    private static void stop(Process process) {
        stop(process.toHandle());
    }

    /** SIGTERM (Keycloak shuts down cleanly), then SIGKILL for whatever is still alive after the timeout. */
    private static void stop(ProcessHandle handle) {
        List<ProcessHandle> tree = Stream.concat(Stream.of(handle), handle.descendants()).toList();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception notStopped) {
                p.destroyForcibly();
            }
        }
    }

    @Override
    public String toString() {
        return "Keycloak at " + baseUrl() + " (pid " + process.pid() + ", log " + options.log() + ")";
    }
}
