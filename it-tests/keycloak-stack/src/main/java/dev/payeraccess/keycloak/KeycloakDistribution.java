package dev.payeraccess.keycloak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * An unpacked {@code keycloak-quarkus-dist}: puts our JARs into {@code providers/} and runs
 * {@code kc.sh build}, skipping the build (about 25 s) when neither the JARs nor the options changed.
 */
public final class KeycloakDistribution {

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    private static final String FINGERPRINT_FILE = ".payer-access-build";

    private final Path home;

    public KeycloakDistribution(Path home) {
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home
                + ": run the Maven build (it unpacks keycloak-quarkus-dist into it-tests/keycloak-stack/target).");
        }
        this.home = home;
    }

    public Path home() {
        return home;
    }

    /**
     * Makes {@code providers/} hold exactly {@code jars}. A JAR whose contents did not change is left in
     * place: Keycloak compares the files' modification times with its last build and refuses an
     * optimized start when they moved, so replacing an identical JAR would force a rebuild.
     */
    public void installProviders(List<Path> jars) throws IOException {
        Path providers = home.resolve("providers");
        Files.createDirectories(providers);
        List<String> wanted = jars.stream().map(j -> j.getFileName().toString()).toList();
        for (Path old : installedJars()) {
            if (!wanted.contains(old.getFileName().toString())) {
                Files.delete(old);
            }
        }
        for (Path jar : jars) {
            Path target = providers.resolve(jar.getFileName());
            if (!Files.exists(target) || !contentDigest(target).equals(contentDigest(jar))) {
                Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Runs {@code kc.sh build} with {@code options} unless the last build used the same JARs and options. */
    public void build(List<String> options, Path log) throws IOException, InterruptedException {
        String fingerprint = fingerprint(options);
        Path marker = home.resolve(FINGERPRINT_FILE);
        if (Files.exists(marker) && Files.readString(marker).equals(fingerprint)) {
            return;
        }
        Files.deleteIfExists(marker);
        List<String> command = Stream.concat(Stream.of("bash", "bin/kc.sh", "build"), options.stream()).toList();
        Files.createDirectories(log.getParent());
        Process build = new ProcessBuilder(command).directory(home.toFile())
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!build.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            build.destroyForcibly();
            throw new IllegalStateException("kc.sh build did not finish in " + BUILD_TIMEOUT + "; see " + log);
        }
        if (build.exitValue() != 0) {
            throw new IllegalStateException("kc.sh build failed with exit code " + build.exitValue() + "; see " + log);
        }
        Files.writeString(marker, fingerprint);
    }

    public KeycloakServer start(KeycloakServer.Options options) throws IOException, InterruptedException {
        return KeycloakServer.start(home, options);
    }

    private String fingerprint(List<String> options) throws IOException {
        StringBuilder text = new StringBuilder(String.join("\n", options));
        for (Path jar : installedJars()) {
            text.append('\n').append(jar.getFileName()).append('=').append(contentDigest(jar));
        }
        return text.toString();
    }

    private List<Path> installedJars() throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("providers"))) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** A digest of a JAR's entry names and CRCs: equal for the same contents, whatever the timestamps. */
    private static String contentDigest(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<? extends ZipEntry> entries = zip.stream().sorted(Comparator.comparing(ZipEntry::getName)).toList();
            for (ZipEntry entry : entries) {
                digest.update((entry.getName() + ":" + entry.getCrc() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
