package dev.payeraccess.launch;

import dev.payeraccess.cluster.ClusterTools;
import dev.payeraccess.cluster.KeycloakCluster;
import dev.payeraccess.cluster.LocalPorts;
import dev.payeraccess.demo.DemoAppServer;
import dev.payeraccess.keycloak.Database;
import dev.payeraccess.keycloak.KeycloakDistribution;
import dev.payeraccess.keycloak.KeycloakServer;
import dev.payeraccess.sandbox.PayerSandbox;
import dev.payeraccess.sandbox.SandboxSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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
 * <p>By default the stack runs one Keycloak node of the version the extension is built against on a dev-file
 * database. {@link Builder#keycloakVersion(String)} picks another served version (the compatibility smoke test);
 * {@link Builder#cluster()} runs two nodes on PostgreSQL behind nginx instead ({@link KeycloakCluster});
 * {@link Builder#sandbox(PayerSandbox)} shares a sandbox that is already running instead of starting one.
 */
public final class KeycloakStack implements AutoCloseable {

    /** The demo realm and its app client, as {@code realm-config/payer-demo-realm.json} defines them. */
    public static final String DEMO_REALM = "payer-demo";
    public static final String DEMO_CLIENT = "demo-app";

    /** What the tests give the 1upHealth template's placeholders; a real install sets its own. */
    public static final Map<String, String> TEMPLATE_ENVIRONMENT = Map.of(
        "ONEUP_CLIENT_ID", "it-oneup-client-id", "ONEUP_CLIENT_SECRET", "it-oneup-client-secret");

    /** Build-time options: a change here (or to the JARs) makes the next start run {@code kc.sh build}. */
    static final List<String> BUILD_OPTIONS = List.of("--db=dev-file", "--health-enabled=true",
        "--metrics-enabled=true");

    /** One node clusters with nobody: without it Keycloak starts cluster discovery. */
    static final String LOCAL_CACHE = "--cache=local";

    /**
     * The extension's development switch, on every node of every stack: the payer sandbox listens on this machine's
     * loopback address, which a production node never calls (see the README's security model). A node option of the
     * {@code payer-access-plan-connections} SPI, read at start.
     */
    public static final String PRIVATE_ADDRESSES =
        "--spi-payer-access-plan-connections--fresh--allow-private-addresses=true";

    /** The one-node stack's {@code kc.sh build} options for {@code version} (where {@code --cache} goes differs). */
    public static List<String> oneNodeBuildOptions(String version) {
        return KeycloakVersion.of(version).buildOptions(BUILD_OPTIONS, LOCAL_CACHE);
    }

    /**
     * The {@code kc.sh start} options that go with {@link #oneNodeBuildOptions(String)}, the development switch
     * ({@link #PRIVATE_ADDRESSES}) among them.
     */
    public static List<String> oneNodeStartOptions(String version) {
        return with(KeycloakVersion.of(version).startOptions(LOCAL_CACHE), List.of(PRIVATE_ADDRESSES));
    }

    /**
     * The cluster's build: a shared database, and Infinispan's default {@code jdbc-ping} discovery through it. It also
     * runs Keycloak's identity brokering API v2 (the default from Keycloak 27; a build option of 26.x), so the suite
     * checks both APIs' token retrieval against the plans: v1 on the one-node stack, v2 on the cluster.
     */
    static final List<String> CLUSTER_BUILD_OPTIONS = List.of("--db=postgres", "--health-enabled=true",
        "--metrics-enabled=true", "--features=identity-brokering-api:v2");
    static final String CLUSTER_CACHE = "--cache=ispn";

    private final PayerSandbox sandbox;
    /**
     * A sandbox handed in through {@link Builder#sandbox(PayerSandbox)} belongs to the caller and outlives the stack.
     */
    private final Optional<AutoCloseable> ownSandbox;
    private final DemoAppServer demoApp;
    /** Exactly one of these two is present. */
    private final Optional<KeycloakServer> singleNode;
    private final Optional<KeycloakCluster> cluster;
    private final String keycloakVersion;
    private final Path workDir;

    private KeycloakStack(PayerSandbox sandbox, Optional<AutoCloseable> ownSandbox, DemoAppServer demoApp,
                          Optional<KeycloakServer> singleNode, Optional<KeycloakCluster> cluster,
                              String keycloakVersion,
                          Path workDir) {
        this.sandbox = sandbox;
        this.ownSandbox = ownSandbox;
        this.demoApp = demoApp;
        this.singleNode = singleNode;
        this.cluster = cluster;
        this.keycloakVersion = keycloakVersion;
        this.workDir = workDir;
    }

    /**
     * A stack named {@code stack} on free ports, of the build's Keycloak version, with a sandbox of its own, without
     * the realm templates, working in the build's directory.
     */
    public static Builder builder() {
        return new Builder();
    }

    public PayerSandbox sandbox() {
        return sandbox;
    }

    public DemoAppServer demoApp() {
        return demoApp;
    }

    /** The one Keycloak node; in a cluster, node A (see {@link #cluster()} for the others and the public URL). */
    public KeycloakServer keycloak() {
        return cluster.map(c -> c.node(0)).orElseGet(singleNode::orElseThrow);
    }

    /** The URL apps and browsers use: nginx's in a cluster, else the one node's. */
    public String publicUrl() {
        return cluster.map(KeycloakCluster::publicUrl).orElseGet(() -> keycloak().baseUrl());
    }

    /** The two nodes, PostgreSQL and nginx, when {@link Builder#cluster()} asked for them. */
    public Optional<KeycloakCluster> cluster() {
        return cluster;
    }

    /** The Keycloak version running, e.g. {@code 26.7.3}. */
    public String keycloakVersion() {
        return keycloakVersion;
    }

    /**
     * Where this stack keeps Keycloak's log ({@code logs/keycloak-{name}.log}) and database
     * ({@code keycloak-data/{name}}).
     */
    public Path workDir() {
        return workDir;
    }

    /**
     * What to start, as the builder collected it. Ports 0 mean "any free port"; an empty layout or work directory
     * means the build's own, an empty version the build's {@link BuildLayout#keycloakVersion()}, an empty sandbox
     * one of the stack's own on {@code sandboxPort}. In a cluster {@code httpPort} is nginx's.
     */
    record Settings(String name, Optional<BuildLayout> layout, Optional<Path> workDir, Optional<String> keycloakVersion,
                    Optional<PayerSandbox> sandbox, int sandboxPort, int httpPort, int managementPort, int demoAppPort,
                    boolean realmTemplates, boolean cluster, List<String> keycloakOptions) {
    }

    /** Collects what to start; {@link #start()} starts it. Every setting has a default, so callers name only theirs. */
    public static final class Builder {

        private String name = "stack";
        private Optional<BuildLayout> layout = Optional.empty();
        private Optional<Path> workDir = Optional.empty();
        private Optional<String> keycloakVersion = Optional.empty();
        private Optional<PayerSandbox> sandbox = Optional.empty();
        private int sandboxPort;
        private int httpPort;
        private int managementPort;
        private int demoAppPort;
        private boolean realmTemplates;
        private boolean cluster;
        private final List<String> keycloakOptions = new ArrayList<>();

        private Builder() {
        }

        /**
         * Names the stack's log and database under the work directory, e.g. {@code it}, {@code bench} or {@code demo}.
         */
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

        /**
         * Runs another Keycloak version the build unpacked ({@link BuildLayout#servedVersions()}), with its own
         * {@code kc.sh build}; the build's {@link BuildLayout#keycloakVersion()} unless set.
         */
        public Builder keycloakVersion(String version) {
            if (version == null || !version.matches("\\d+\\.\\d+\\.\\d+")) {
                throw new IllegalArgumentException("A Keycloak version is major.minor.patch, e.g. 26.4.7, not "
                    + version);
            }
            this.keycloakVersion = Optional.of(version);
            return this;
        }

        /**
         * Points Keycloak at a sandbox that is already running (e.g. the one the other tests use) instead of
         * starting one; closing the stack leaves it running.
         */
        public Builder sandbox(PayerSandbox running) {
            this.sandbox = Optional.of(running);
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

        /**
         * Also imports realm-config's templates (the real 1upHealth plans), their placeholders from
         * {@link #TEMPLATE_ENVIRONMENT}.
         */
        public Builder importRealmTemplates() {
            this.realmTemplates = true;
            return this;
        }

        /**
         * Two Keycloak nodes on a PostgreSQL server of their own, behind nginx on {@link #httpPort(int)} with
         * {@code --hostname} set to it; needs Debian's {@code postgresql} and {@code nginx} ({@link ClusterTools}).
         * Each node gets free HTTP, management and cluster ports.
         */
        public Builder cluster() {
            this.cluster = true;
            return this;
        }

        /** One more {@code kc.sh start} option of every node, e.g. an SPI setting of the extension. */
        public Builder keycloakOption(String option) {
            if (!option.startsWith("--")) {
                throw new IllegalArgumentException("A Keycloak option starts with --, not: " + option);
            }
            keycloakOptions.add(option);
            return this;
        }

        Settings settings() {
            if (sandbox.isPresent() && sandboxPort != 0) {
                throw new IllegalArgumentException("sandboxPort is for a sandbox the stack starts; a shared sandbox "
                    + "already has its port");
            }
            if (cluster && managementPort != 0) {
                throw new IllegalArgumentException("managementPort is for one node; each node of a cluster gets a "
                    + "free one");
            }
            return new Settings(name, layout, workDir, keycloakVersion, sandbox, sandboxPort, httpPort, managementPort,
                demoAppPort, realmTemplates, cluster, List.copyOf(keycloakOptions));
        }

        /** Starts the sandbox, the demo app and Keycloak, and returns once Keycloak is ready. */
        public KeycloakStack start() throws Exception {
            return KeycloakStack.start(settings());
        }

        private static int checkPort(String setting, int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException(setting + " must be between 0 (any free port) and 65535, not "
                    + port);
            }
            return port;
        }
    }

    private static KeycloakStack start(Settings settings) throws Exception {
        BuildLayout layout = settings.layout().orElseGet(BuildLayout::fromBuild);
        Path workDir = settings.workDir().orElse(layout.buildDir());
        String version = settings.keycloakVersion().orElse(layout.keycloakVersion());
        Path home = layout.keycloakHome(version);
        PayerSandbox sandbox = settings.sandbox().isPresent() ? settings.sandbox().get()
            : PayerSandbox.start(SandboxSettings.onPort(settings.sandboxPort()));
        Optional<AutoCloseable> ownSandbox = settings.sandbox().isPresent() ? Optional.empty() : Optional.of(sandbox);
        if (settings.cluster() && !version.equals(layout.keycloakVersion())) {
            throw new IllegalArgumentException("The cluster runs the build's Keycloak " + layout.keycloakVersion()
                + ", not " + version);
        }
        int httpPort = freeIfZero(settings.httpPort());
        DemoAppServer demoApp;
        try {
            demoApp = DemoAppServer.start(settings.demoAppPort(), "{\"keycloak\":\"http://localhost:" + httpPort
                + "\",\"realm\":\"" + DEMO_REALM + "\",\"clientId\":\"" + DEMO_CLIENT + "\"}");
        } catch (Exception e) {
            closeAll(ownSandbox);
            throw e;
        }
        try {
            Map<String,
                String> urls = Map.of("PAYER_SANDBOX_URL", sandbox.urls().base(), "DEMO_APP_URL", demoApp.url());
            if (settings.cluster()) {
                KeycloakCluster cluster = startCluster(settings, layout, workDir, httpPort, urls);
                return new KeycloakStack(sandbox, ownSandbox, demoApp, Optional.empty(), Optional.of(cluster), version,
                    workDir);
            }
            KeycloakServer keycloak = startKeycloak(settings, layout, home, workDir, httpPort, urls);
            return new KeycloakStack(sandbox, ownSandbox, demoApp, Optional.of(keycloak), Optional.empty(), version,
                workDir);
        } catch (Exception e) {
            closeAll(Optional.of(demoApp), ownSandbox);
            throw e;
        }
    }

    /** @param urls the sandbox's and the demo app's, for the {@code ${...}} placeholders of the demo realm */
    private static KeycloakServer startKeycloak(Settings settings, BuildLayout layout, Path home, Path workDir,
                                                int httpPort, Map<String, String> urls) throws Exception {
        KeycloakDistribution distribution = new KeycloakDistribution(home);
        distribution.installProviders(layout.providerJars());
        Path logs = workDir.resolve("logs");
        // Every start imports the realms into an empty database, so a run never sees an earlier run's users.
        Path data = workDir.resolve("keycloak-data").resolve(settings.name());
        deleteRecursively(data);
        String version = settings.keycloakVersion().orElse(layout.keycloakVersion());
        distribution.build(oneNodeBuildOptions(version), logs.resolve(home.getFileName() + "-build.log"));
        return distribution.start(new KeycloakServer.Options(httpPort, freeIfZero(settings.managementPort()),
            new Database.DevFile(data), Optional.empty(), OptionalInt.empty(),
                with(oneNodeStartOptions(version), settings.keycloakOptions()),
            realms(settings, layout), environment(settings, urls), logs.resolve("keycloak-" + settings.name() + ".log"),
            "admin", "admin"));
    }

    private static List<String> with(List<String> options, List<String> more) {
        List<String> all = new ArrayList<>(options);
        all.addAll(more);
        return all;
    }

    /** Checks for PostgreSQL and nginx before the (long) build, so a machine without them fails at once. */
    private static KeycloakCluster startCluster(Settings settings, BuildLayout layout, Path workDir, int publicPort,
                                                Map<String, String> urls) throws Exception {
        ClusterTools tools = ClusterTools.find();
        KeycloakDistribution distribution = new KeycloakDistribution(layout.clusterKeycloakHome());
        distribution.installProviders(layout.providerJars());
        KeycloakVersion version = KeycloakVersion.of(layout.keycloakVersion());
        distribution.build(version.buildOptions(CLUSTER_BUILD_OPTIONS, CLUSTER_CACHE),
            workDir.resolve("logs").resolve("cluster-" + layout.clusterKeycloakHome().getFileName() + "-build.log"));
        return KeycloakCluster.start(tools, distribution, new KeycloakCluster.Plan(settings.name(), workDir, publicPort,
            realms(settings, layout), environment(settings, urls),
            with(with(version.startOptions(CLUSTER_CACHE), List.of(PRIVATE_ADDRESSES)), settings.keycloakOptions())));
    }

    private static List<Path> realms(Settings settings, BuildLayout layout) throws IOException {
        List<Path> realms = new ArrayList<>(layout.realmFiles());
        if (settings.realmTemplates()) {
            realms.addAll(layout.templateRealmFiles());
        }
        return realms;
    }

    private static Map<String, String> environment(Settings settings, Map<String, String> urls) {
        Map<String, String> environment = new HashMap<>(urls);
        if (settings.realmTemplates()) {
            environment.putAll(TEMPLATE_ENVIRONMENT);
        }
        return environment;
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
        return port != 0 ? port : LocalPorts.free();
    }

    @Override
    public void close() throws Exception {
        closeAll(singleNode, cluster, Optional.of(demoApp), ownSandbox);
    }

    /** Closes each in order, also when an earlier one fails; the first failure is thrown at the end. */
    @SafeVarargs
    private static void closeAll(Optional<? extends AutoCloseable>... parts) throws Exception {
        Exception first = null;
        for (Optional<? extends AutoCloseable> part : parts) {
            try {
                if (part.isPresent()) {
                    part.get().close();
                }
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "Keycloak " + keycloakVersion + ": "
            + cluster.map(Object::toString).orElseGet(() -> keycloak().toString())
            + "; sandbox at " + sandbox.urls().base() + "; demo app at " + demoApp.url();
    }
}
