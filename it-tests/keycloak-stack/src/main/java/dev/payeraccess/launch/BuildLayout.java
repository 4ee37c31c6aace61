package dev.payeraccess.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Where the Maven build put the parts of the local stack: the unpacked Keycloak, our provider JAR(s)
 * and the realm files. Read from {@code payer-access-build.properties}, which the build writes.
 *
 * @param keycloakVersion the version the extension is built against and the suite runs on
 * @param olderKeycloakVersions the older served versions the build unpacked too (one per 26.x line), for the
 *                              compatibility smoke test
 * @param clusterKeycloakHome a second copy of {@code keycloakVersion} for the two-node cluster: Keycloak keeps its
 *                            {@code kc.sh build} in its home, and the cluster's (PostgreSQL, Infinispan) must not
 *                            undo the one-node build (dev-file, local caches) at every switch
 * @param buildDir keycloak-stack's {@code target/}, where a stack keeps its logs and database unless told otherwise
 */
public record BuildLayout(String keycloakVersion, Path keycloakHome, List<String> olderKeycloakVersions,
                          Path clusterKeycloakHome, Path providersDir, Path realmsDir, Path buildDir) {

    public BuildLayout {
        olderKeycloakVersions = List.copyOf(olderKeycloakVersions);
    }

    public static BuildLayout fromBuild() {
        Properties props = new Properties();
        try (InputStream in = BuildLayout.class.getResourceAsStream("/payer-access-build.properties")) {
            if (in == null) {
                throw new IllegalStateException("payer-access-build.properties missing: build "
                    + "it-tests/keycloak-stack with Maven");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildLayout(props.getProperty("keycloak.version"), Path.of(props.getProperty("keycloak.home")),
            List.of(props.getProperty("keycloak.older.versions").split(",")),
            Path.of(props.getProperty("keycloak.cluster.home")),
            Path.of(props.getProperty("providers.dir")), Path.of(props.getProperty("realms.dir")),
            Path.of(props.getProperty("build.dir")));
    }

    /** Every version this build can start: {@link #keycloakVersion()} and the older ones. */
    public List<String> servedVersions() {
        return Stream.concat(Stream.of(keycloakVersion), olderKeycloakVersions.stream()).toList();
    }

    /**
     * The version the build unpacked for a 26.x line ({@code "26.4"} gives e.g. {@code "26.4.7"}), so tests name the
     * line and the parent POM alone names the patch release.
     */
    public String servedVersionOf(String line) {
        return servedVersions().stream().filter(v -> v.startsWith(line + ".")).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("No Keycloak " + line + ".x is unpacked by this build; "
                + "served here: " + servedVersions()));
    }

    /** The unpacked distribution of {@code version}, one of {@link #servedVersions()}. */
    public Path keycloakHome(String version) {
        if (version.equals(keycloakVersion)) {
            return keycloakHome;
        }
        if (!olderKeycloakVersions.contains(version)) {
            throw new IllegalArgumentException("Keycloak " + version + " is not unpacked by this build; served here: "
                + servedVersions() + " (the versions are properties in the parent pom.xml)");
        }
        return buildDir.resolve("keycloak-" + version);
    }

    public List<Path> providerJars() throws IOException {
        return filesEndingWith(providersDir, ".jar");
    }

    /** The realms every start imports: the demo realm. */
    public List<Path> realmFiles() throws IOException {
        return filesEndingWith(realmsDir, ".json");
    }

    /** Realm templates for real plans (their secrets come from the environment); the tests import them. */
    public List<Path> templateRealmFiles() throws IOException {
        return filesEndingWith(realmsDir.resolve("templates"), ".json");
    }

    private static List<Path> filesEndingWith(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir + " does not exist: run the Maven build first");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
