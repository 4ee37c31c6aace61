package dev.payeraccess.launch;

import dev.payeraccess.keycloak.KeycloakDistribution;
import dev.payeraccess.keycloak.KeycloakServer;
import dev.payeraccess.sandbox.PayerSandbox;
import dev.payeraccess.sandbox.SandboxSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The payer sandbox plus a real Keycloak with our extension and the realm-config realms: what the
 * integration tests run against and what the demo shows. Ports 0 mean "any free port".
 */
public record LocalStack(PayerSandbox sandbox, KeycloakServer keycloak) implements AutoCloseable {

    /** Build-time options: a change here (or to the JARs) makes the next start run {@code kc.sh build}. */
    static final List<String> BUILD_OPTIONS = List.of(
        "--db=dev-file", "--cache=local", "--health-enabled=true", "--metrics-enabled=true");

    /**
     * @param name names this stack's log and database under the build directory, e.g. {@code it} or {@code demo}
     */
    public record Settings(String name, int sandboxPort, int httpPort, int managementPort) {
    }

    public static LocalStack start(BuildLayout layout, Settings settings) throws Exception {
        PayerSandbox sandbox = PayerSandbox.start(SandboxSettings.onPort(settings.sandboxPort()));
        try {
            KeycloakDistribution distribution = new KeycloakDistribution(layout.keycloakHome());
            distribution.installProviders(layout.providerJars());
            Path logs = layout.workDir().resolve("logs");
            // Every start imports the realms into an empty database, so a run never sees an earlier run's users.
            Path data = layout.workDir().resolve("keycloak-data").resolve(settings.name());
            deleteRecursively(data);
            distribution.build(BUILD_OPTIONS, logs.resolve("keycloak-build.log"));
            KeycloakServer keycloak = distribution.start(new KeycloakServer.Options(
                freeIfZero(settings.httpPort()), freeIfZero(settings.managementPort()),
                data,
                layout.realmFiles(),
                Map.of("PAYER_SANDBOX_URL", sandbox.urls().base()),
                logs.resolve("keycloak-" + settings.name() + ".log"),
                "admin", "admin"));
            return new LocalStack(sandbox, keycloak);
        } catch (Exception e) {
            sandbox.close();
            throw e;
        }
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

    private static int freeIfZero(int port) throws IOException {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            keycloak.close();
        } finally {
            sandbox.close();
        }
    }
}
