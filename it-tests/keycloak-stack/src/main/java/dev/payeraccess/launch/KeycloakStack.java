package dev.payeraccess.launch;

import dev.payeraccess.demo.DemoAppServer;
import dev.payeraccess.keycloak.KeycloakDistribution;
import dev.payeraccess.keycloak.KeycloakServer;
import dev.payeraccess.sandbox.PayerSandbox;
import dev.payeraccess.sandbox.SandboxSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The payer sandbox, the demo app and a real Keycloak with our extension and the realm-config realms:
 * what the integration tests run against and what the demo shows. Ports 0 mean "any free port".
 */
public record KeycloakStack(PayerSandbox sandbox, DemoAppServer demoApp, KeycloakServer keycloak) implements AutoCloseable {

    /** The demo realm and its app client, as {@code realm-config/payer-demo-realm.json} defines them. */
    public static final String DEMO_REALM = "payer-demo";
    public static final String DEMO_CLIENT = "demo-app";

    /** What the tests give the 1upHealth template's placeholders; a real install sets its own. */
    public static final Map<String, String> TEMPLATE_ENVIRONMENT = Map.of(
        "ONEUP_CLIENT_ID", "it-oneup-client-id", "ONEUP_CLIENT_SECRET", "it-oneup-client-secret");

    /** Build-time options: a change here (or to the JARs) makes the next start run {@code kc.sh build}. */
    static final List<String> BUILD_OPTIONS = List.of(
        "--db=dev-file", "--cache=local", "--health-enabled=true", "--metrics-enabled=true");

    /**
     * @param name names this stack's log and database under the build directory, e.g. {@code it} or {@code demo}
     */
    public record Settings(String name, int sandboxPort, int httpPort, int managementPort, int demoAppPort,
                           boolean importTemplates) {

        public Settings(String name, int sandboxPort, int httpPort, int managementPort) {
            this(name, sandboxPort, httpPort, managementPort, 0, false);
        }
    }

    public static KeycloakStack start(BuildLayout layout, Settings settings) throws Exception {
        PayerSandbox sandbox = PayerSandbox.start(SandboxSettings.onPort(settings.sandboxPort()));
        int httpPort = freeIfZero(settings.httpPort());
        DemoAppServer demoApp;
        try {
            demoApp = DemoAppServer.start(settings.demoAppPort(), "{\"keycloak\":\"http://localhost:" + httpPort
                + "\",\"realm\":\"" + DEMO_REALM + "\",\"clientId\":\"" + DEMO_CLIENT + "\"}");
        } catch (Exception e) {
            sandbox.close();
            throw e;
        }
        try {
            KeycloakDistribution distribution = new KeycloakDistribution(layout.keycloakHome());
            distribution.installProviders(layout.providerJars());
            Path logs = layout.workDir().resolve("logs");
            // Every start imports the realms into an empty database, so a run never sees an earlier run's users.
            Path data = layout.workDir().resolve("keycloak-data").resolve(settings.name());
            deleteRecursively(data);
            distribution.build(BUILD_OPTIONS, logs.resolve("keycloak-build.log"));
            List<Path> realms = new ArrayList<>(layout.realmFiles());
            Map<String, String> environment = new HashMap<>(Map.of("PAYER_SANDBOX_URL", sandbox.urls().base(),
                "DEMO_APP_URL", demoApp.url()));
            if (settings.importTemplates()) {
                realms.addAll(layout.templateRealmFiles());
                environment.putAll(TEMPLATE_ENVIRONMENT);
            }
            KeycloakServer keycloak = distribution.start(new KeycloakServer.Options(
                httpPort, freeIfZero(settings.managementPort()),
                data,
                realms,
                environment,
                logs.resolve("keycloak-" + settings.name() + ".log"),
                "admin", "admin"));
            return new KeycloakStack(sandbox, demoApp, keycloak);
        } catch (Exception e) {
            demoApp.close();
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
            try {
                demoApp.close();
            } finally {
                sandbox.close();
            }
        }
    }
}
