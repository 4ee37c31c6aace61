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
 * What the extension adds to Keycloak's startup: the same distribution built with the same options, without and
 * with our JAR in {@code providers/}, started {@code runs} times each on a database that already exists (a first,
 * untimed start creates it), timed from process start to {@code /health/ready}. Works on a copy of the build's
 * distribution in {@code target/startup-cost/}, so the tests' build stays as it is. {@code ./bench.sh startup runs=3}.
 */
public final class StartupCost {

    private static final Duration GOAL = Duration.ofSeconds(2);

    private StartupCost() {
    }

    public static void main(String[] args) throws Exception {
        int runs = runs(args);
        BuildLayout layout = BuildLayout.fromBuild();
        Path work = layout.buildDir().resolve("startup-cost");
        KeycloakDistribution distribution = new KeycloakDistribution(copyOf(layout.keycloakHome(),
            work.resolve(layout.keycloakHome().getFileName())));
        List<String> buildOptions = KeycloakStack.oneNodeBuildOptions(layout.keycloakVersion());
        System.out.println("Keycloak " + layout.keycloakVersion() + ", kc.sh build " + String.join(" ", buildOptions)
            + "; " + runs + " timed starts each, after one that creates the database");
        List<Duration> without = measure("without the extension", distribution, List.of(), buildOptions, work, runs, layout);
        List<Duration> with = measure("with keycloak-payer-access", distribution, layout.providerJars(), buildOptions, work,
            runs, layout);
        Duration difference = median(with).minus(median(without));
        System.out.printf(Locale.ROOT, "%nStartup to /health/ready, median of %d: without %.1f s, with %.1f s: %+.1f s "
            + "(goal <= +%d s) %s%n", runs, seconds(median(without)), seconds(median(with)), seconds(difference),
            GOAL.toSeconds(), difference.compareTo(GOAL) <= 0 ? "met" : "MISSED");
        System.exit(0);
    }

    private static List<Duration> measure(String variant, KeycloakDistribution distribution, List<Path> jars,
                                          List<String> buildOptions, Path work, int runs, BuildLayout layout)
        throws Exception {
        distribution.installProviders(jars);
        distribution.build(buildOptions, work.resolve("logs/build.log"));
        Path data = work.resolve("data-" + (jars.isEmpty() ? "without" : "with"));
        deleteRecursively(data);
        List<Duration> times = new ArrayList<>();
        for (int run = 0; run <= runs; run++) {
            KeycloakServer server = distribution.start(new KeycloakServer.Options(LocalPorts.free(), LocalPorts.free(),
                new Database.DevFile(data), Optional.empty(), OptionalInt.empty(),
                KeycloakStack.oneNodeStartOptions(layout.keycloakVersion()), List.of(), Map.of(),
                work.resolve("logs/keycloak-" + (jars.isEmpty() ? "without" : "with") + ".log"), "admin", "admin"));
            server.close();
            if (run > 0) {
                times.add(server.startupTime());
            }
        }
        System.out.printf(Locale.ROOT, "  %-28s %s%n", variant + ":",
            String.join(", ", times.stream().map(t -> String.format(Locale.ROOT, "%.1f s", seconds(t))).toList()));
        return times;
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
