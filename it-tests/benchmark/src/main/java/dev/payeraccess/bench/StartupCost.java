package dev.payeraccess.bench;

import dev.payeraccess.cluster.LocalPorts;
import dev.payeraccess.keycloak.Database;
import dev.payeraccess.keycloak.KeycloakDistribution;
import dev.payeraccess.keycloak.KeycloakServer;
import dev.payeraccess.launch.BuildLayout;
import dev.payeraccess.launch.KeycloakStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * What the extension adds to Keycloak's startup: two copies of the build's distribution in
 * {@code target/startup-cost/}, built with the same options, one without and one with our JAR in
 * {@code providers/}; each started once to create its database, then {@code runs} times each, taking turns (so a
 * machine getting busier or quieter weighs on both alike), timed from process start to {@code /health/ready}.
 * The tests' build stays as it is. {@code ./bench.sh startup runs=3}.
 */
public final class StartupCost {

    private static final Duration GOAL = Duration.ofSeconds(2);

    private StartupCost() {
    }

    public static void main(String[] args) throws Exception {
        int runs = runs(args);
        BuildLayout layout = BuildLayout.fromBuild();
        Path work = layout.buildDir().resolve("startup-cost");
        List<String> buildOptions = KeycloakStack.oneNodeBuildOptions(layout.keycloakVersion());
        System.out.println("Keycloak " + layout.keycloakVersion() + ", kc.sh build " + String.join(" ", buildOptions)
            + "; " + runs + " timed starts each, taking turns, after one each that creates the database");
        Variant without = Variant.prepare("without", List.of(), buildOptions, work, layout);
        Variant with = Variant.prepare("with", layout.providerJars(), buildOptions, work, layout);
        List<Duration> withoutTimes = new ArrayList<>();
        List<Duration> withTimes = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            withoutTimes.add(without.start());
            withTimes.add(with.start());
        }
        System.out.println("  without the extension:      " + list(withoutTimes));
        System.out.println("  with keycloak-payer-access: " + list(withTimes));
        Duration difference = median(withTimes).minus(median(withoutTimes));
        System.out.printf(Locale.ROOT, "%nStartup to /health/ready, median of %d: without %.1f s, with %.1f s: %+.1f s "
            + "(goal <= +%d s) %s%n", runs, seconds(median(withoutTimes)), seconds(median(withTimes)),
                seconds(difference),
            GOAL.toSeconds(), difference.compareTo(GOAL) <= 0 ? "met" : "MISSED");
        System.exit(0);
    }

    /** One built copy of the distribution and its database. */
    private record Variant(String name, KeycloakDistribution distribution, Path work, BuildLayout layout) {

        static Variant prepare(String name, List<Path> jars, List<String> buildOptions, Path work, BuildLayout layout)
            throws Exception {
            Path home = copyOf(layout.keycloakHome(), work.resolve(name).resolve(layout.keycloakHome().getFileName()));
            KeycloakDistribution distribution = new KeycloakDistribution(home);
            distribution.installProviders(jars);
            distribution.build(buildOptions, work.resolve("logs/build-" + name + ".log"));
            deleteRecursively(work.resolve(name).resolve("data"));
            Variant variant = new Variant(name, distribution, work, layout);
            variant.start(); // creates the database; not timed
            return variant;
        }

        Duration start() throws Exception {
            KeycloakServer server = distribution.start(new KeycloakServer.Options(LocalPorts.free(), LocalPorts.free(),
                new Database.DevFile(work.resolve(name).resolve("data")), Optional.empty(), OptionalInt.empty(),
                KeycloakStack.oneNodeStartOptions(layout.keycloakVersion()), List.of(), Map.of(),
                work.resolve("logs/keycloak-" + name + ".log"), "admin", "admin"));
            server.close();
            return server.startupTime();
        }
    }

    private static String list(List<Duration> times) {
        return String.join(", ", times.stream().map(t -> String.format(Locale.ROOT, "%.1f s", seconds(t))).toList());
    }

    private static Path copyOf(Path home, Path copy) throws IOException {
        if (Files.isRegularFile(copy.resolve("bin/kc.sh"))) {
            return copy;
        }
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(home.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return copy;
    }

    private static Duration median(List<Duration> times) {
        List<Duration> sorted = times.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static int runs(String[] args) {
        if (args.length == 0) {
            return 3;
        }
        if (args.length == 1 && args[0].matches("runs=[1-9]\\d?")) {
            return Integer.parseInt(args[0].substring("runs=".length()));
        }
        throw new IllegalArgumentException("arguments (optional): runs=3");
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
}
