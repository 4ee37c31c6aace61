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
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The payer sandbox, the demo app and a real Keycloak with our extension and the realm-config realms: what the
 * integration tests run against, what the benchmark measures and what the demo shows. Started through
 * {@link #builder()}:
 *
 * <pre>{@code
 * KeycloakStack stack = KeycloakStack.builder().name("it").importRealmTemplates().start();
 * }</pre>
 *
 * <p>Today the stack runs one Keycloak node on a dev-file database. What a cluster adds (more nodes, a shared
 * PostgreSQL, nginx in front) belongs in the builder as further settings next to the ones below, so callers
 * that do not ask for it keep starting exactly what they start now.
 */
public final class KeycloakStack implements AutoCloseable {

    /** The demo realm and its app client, as {@code realm-config/payer-demo-realm.json} defines them. */
    public static final String DEMO_REALM = "payer-demo";
    public static final String DEMO_CLIENT = "demo-app";

    /** What the tests give the 1upHealth template's placeholders; a real install sets its own. */
    public static final Map<String, String> TEMPLATE_ENVIRONMENT = Map.of(
        "ONEUP_CLIENT_ID", "it-oneup-client-id", "ONEUP_CLIENT_SECRET", "it-oneup-client-secret");

    /** Build-time options: a change here (or to the JARs) makes the next start run {@code kc.sh build}. */
    static final List<String> BUILD_OPTIONS = List.of(
        "--db=dev-file", "--cache=local", "--health-enabled=true", "--metrics-enabled=true");

    private final PayerSandbox sandbox;
    private final DemoAppServer demoApp;
    private final KeycloakServer keycloak;
    private final Path workDir;

    private KeycloakStack(PayerSandbox sandbox, DemoAppServer demoApp, KeycloakServer keycloak, Path workDir) {
        this.sandbox = sandbox;
        this.demoApp = demoApp;
        this.keycloak = keycloak;
        this.workDir = workDir;
    }

    /** A stack named {@code stack} on free ports, without the realm templates, working in the build's directory. */
    public static Builder builder() {
        return new Builder();
    }

    public PayerSandbox sandbox() {
        return sandbox;
    }

    public DemoAppServer demoApp() {
        return demoApp;
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    /** Where this stack keeps Keycloak's log ({@code logs/keycloak-{name}.log}) and database ({@code keycloak-data/{name}}). */
    public Path workDir() {
        return workDir;
    }

    /**
     * What to start, as the builder collected it. Ports 0 mean "any free port"; an empty layout or work directory
     * means the build's own.
     */
    record Settings(String name, Optional<BuildLayout> layout, Optional<Path> workDir, int sandboxPort, int httpPort,
                    int managementPort, int demoAppPort, boolean realmTemplates) {
    }

    /** Collects what to start; {@link #start()} starts it. Every setting has a default, so callers name only theirs. */
    public static final class Builder {

        private String name = "stack";
        private Optional<BuildLayout> layout = Optional.empty();
        private Optional<Path> workDir = Optional.empty();
        private int sandboxPort;
        private int httpPort;
        private int managementPort;
        private int demoAppPort;
        private boolean realmTemplates;

        private Builder() {
        }

        /** Names the stack's log and database under the work directory, e.g. {@code it}, {@code bench} or {@code demo}. */
        public Builder name(String name) {
            if (name == null || !name.matches("[a-z0-9-]+")) {
                throw new IllegalArgumentException("A stack name is lower-case letters, digits and '-', not " + name);
            }
            this.name = name;
            return this;
        }

        /** Where the build put Keycloak, our JAR and the realms; {@link BuildLayout#fromBuild()} unless set. */
        public Builder layout(BuildLayout layout) {
            this.layout = Optional.of(layout);
            return this;
        }

        /** Where Keycloak's log, pid file and database go; the layout's {@link BuildLayout#buildDir()} unless set. */
        public Builder workDir(Path workDir) {
            this.workDir = Optional.of(workDir.toAbsolutePath());
            return this;
        }

        public Builder sandboxPort(int port) {
            this.sandboxPort = checkPort("sandboxPort", port);
            return this;
        }

        /** Keycloak's HTTP port: the URL apps, browsers and the tests use. */
        public Builder httpPort(int port) {
            this.httpPort = checkPort("httpPort", port);
            return this;
        }

        /** Keycloak's management port: {@code /health} and {@code /metrics}. */
        public Builder managementPort(int port) {
            this.managementPort = checkPort("managementPort", port);
            return this;
        }

        public Builder demoAppPort(int port) {
            this.demoAppPort = checkPort("demoAppPort", port);
            return this;
        }

        /** Also imports realm-config's templates (the real 1upHealth plans), their placeholders from {@link #TEMPLATE_ENVIRONMENT}. */
        public Builder importRealmTemplates() {
            this.realmTemplates = true;
            return this;
        }

        Settings settings() {
            return new Settings(name, layout, workDir, sandboxPort, httpPort, managementPort, demoAppPort, realmTemplates);
        }

        /** Starts the sandbox, the demo app and Keycloak, and returns once Keycloak is ready. */
        public KeycloakStack start() throws Exception {
            return KeycloakStack.start(settings());
        }

        private static int checkPort(String setting, int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException(setting + " must be between 0 (any free port) and 65535, not " + port);
            }
            return port;
        }
    }

    private static KeycloakStack start(Settings settings) throws Exception {
        BuildLayout layout = settings.layout().orElseGet(BuildLayout::fromBuild);
        Path workDir = settings.workDir().orElse(layout.buildDir());
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
            KeycloakServer keycloak = startKeycloak(settings, layout, workDir, httpPort, Map.of(
                "PAYER_SANDBOX_URL", sandbox.urls().base(), "DEMO_APP_URL", demoApp.url()));
            return new KeycloakStack(sandbox, demoApp, keycloak, workDir);
        } catch (Exception e) {
            demoApp.close();
            sandbox.close();
            throw e;
        }
    }

    /** @param urls the sandbox's and the demo app's, for the {@code ${...}} placeholders of the demo realm */
    private static KeycloakServer startKeycloak(Settings settings, BuildLayout layout, Path workDir, int httpPort,
                                                Map<String, String> urls) throws Exception {
        KeycloakDistribution distribution = new KeycloakDistribution(layout.keycloakHome());
        distribution.installProviders(layout.providerJars());
        Path logs = workDir.resolve("logs");
        // Every start imports the realms into an empty database, so a run never sees an earlier run's users.
        Path data = workDir.resolve("keycloak-data").resolve(settings.name());
        deleteRecursively(data);
        distribution.build(BUILD_OPTIONS, logs.resolve("keycloak-build.log"));
        List<Path> realms = new ArrayList<>(layout.realmFiles());
        Map<String, String> environment = new HashMap<>(urls);
        if (settings.realmTemplates()) {
            realms.addAll(layout.templateRealmFiles());
            environment.putAll(TEMPLATE_ENVIRONMENT);
        }
        return distribution.start(new KeycloakServer.Options(httpPort, freeIfZero(settings.managementPort()), data,
            realms, environment, logs.resolve("keycloak-" + settings.name() + ".log"), "admin", "admin"));
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

    @Override
    public String toString() {
        return keycloak + "; sandbox at " + sandbox.urls().base() + "; demo app at " + demoApp.url();
    }
}
