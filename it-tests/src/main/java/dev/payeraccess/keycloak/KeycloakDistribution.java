package dev.payeraccess.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
                + ": run the Maven build (it unpacks keycloak-quarkus-dist into it-tests/target).");
        }
        this.home = home;
    }

    public Path home() {
        return home;
    }

    /** Replaces the JARs in {@code providers/} with the ones in {@code jars}. */
    public void installProviders(List<Path> jars) throws IOException {
        Path providers = home.resolve("providers");
        Files.createDirectories(providers);
        try (Stream<Path> existing = Files.list(providers)) {
            for (Path old : existing.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.delete(old);
            }
        }
        for (Path jar : jars) {
            Files.copy(jar, providers.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
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
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(String.join("\n", options).getBytes(StandardCharsets.UTF_8));
            try (Stream<Path> jars = Files.list(home.resolve("providers"))) {
                for (Path jar : jars.sorted().toList()) {
                    digest.update(jar.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                    try (InputStream in = new DigestInputStream(Files.newInputStream(jar), digest)) {
                        in.transferTo(OutputStream.nullOutputStream());
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
