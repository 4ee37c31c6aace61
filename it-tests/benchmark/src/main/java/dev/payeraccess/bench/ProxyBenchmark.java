package dev.payeraccess.bench;

import dev.payeraccess.it.LinkedMemberRealm;
import dev.payeraccess.launch.BuildLayout;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.SandboxClient;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the FHIR proxy costs an app, measured side by side in one run: the same read sent directly to the payer
 * sandbox with the member's plan token, and through {@code /realms/{realm}/payer-access/fhir/{alias}} with a
 * Keycloak token. Starts the local stack (a real Keycloak with the extension, the sandbox in this JVM), links a
 * test member through Keycloak's real pages, then measures latency, throughput and Keycloak's heap while a
 * 100 MB bundle streams through, and prints a table against the goals. Run it with {@code ./bench.sh}; it is
 * deliberately not a test, so {@code ./mvnw verify} stays fast.
 */
public final class ProxyBenchmark {

    private static final String ALIAS = "plan";
    private static final String APP_SCOPE = "openid patient/*.read";
    private static final String CLAIMS = "ExplanationOfBenefit";
    private static final double MB = 1_000_000.0;

    private final KeycloakStack stack;
    private final BenchSettings settings;
    private final HttpClient http;
    private final KeycloakJvm keycloak;
    private final KeycloakHeap heap;
    private final ResultTable table = new ResultTable();

    private ProxyBenchmark(KeycloakStack stack, BenchSettings settings) throws Exception {
        this.stack = stack;
        this.settings = settings;
        // HTTP/1.1 on both sides: the JDK client would otherwise try an h2c upgrade, and the pool is unbounded.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
        this.keycloak = KeycloakJvm.of(stack.keycloak());
        this.heap = KeycloakHeap.attach(keycloak);
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.parse(args);
        System.out.println("Starting the payer sandbox and Keycloak (the first start builds Keycloak, ~30 s)...");
        // The throughput run's clients all read as one member: the proxy's per-user and per-link caps (8 and 4
        // by default) would turn most of them away with 429, so the benchmark raises them to its client count.
        String cap = String.valueOf(Math.max(8, settings.clients()));
        KeycloakStack stack = KeycloakStack.builder().name("bench")
            .keycloakOption("--spi-payer-access-proxy-limits--node-local--max-requests-per-user=" + cap)
            .keycloakOption("--spi-payer-access-proxy-limits--node-local--max-requests-per-link=" + cap)
            .start();
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                try {
                    stack.close();
                } catch (Exception e) {
                    System.err.println("Stopping Keycloak and the sandbox failed: " + e.getMessage());
                }
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(close, "bench-shutdown"));
        try {
            System.out.println(stack.keycloak() + " is up after " + stack.keycloak().startupTime().toSeconds() + " s");
            ProxyBenchmark benchmark = new ProxyBenchmark(stack, settings);
            try (KeycloakHeap watched = benchmark.heap) {
                benchmark.run();
            }
        } finally {
            close.run();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        String cores = settings.splitCores() ? CoreSplit.apply(keycloak)
            : Runtime.getRuntime().availableProcessors() + " cores shared by Keycloak, the sandbox and the clients";
        System.out.println("CPUs: " + cores);
        System.out.println("Linking " + TestMembers.SHERIE.patientId()
            + " through Keycloak's login and idp_link pages...");
        LinkedMemberRealm realm = LinkedMemberRealm.create(stack, "bench", ALIAS, TestMembers.SHERIE);
        ReadTarget direct = new ReadTarget("direct", stack.sandbox().urls().fhirBase(),
            new SandboxClient(stack.sandbox().urls()).tokensFor(Track.TEST, TestMembers.SHERIE).get("access_token")
                .asText());
        ReadTarget proxy = new ReadTarget("proxy", realm.proxyBase(), realm.accessToken(APP_SCOPE));
        String read = chooseRead(direct);
        long directBytes = bodySize(direct.get(read));
        long proxyBytes = bodySize(proxy.get(read));
        System.out.printf(Locale.ROOT, "Read: GET %s (%,d bytes direct, %,d through the proxy: its URLs are longer)%n",
            read, directBytes, proxyBytes);

        latency(direct.get(read), proxy.get(read), kb(directBytes));
        Compared single = throughput(direct.get(read), proxy.get(read), 1);
        table.info("throughput, 1 client", perSecond(single.direct()), perSecond(single.proxy()), single.ratio());
        cpuRows(single);
        Compared concurrent = throughput(direct.get(read), proxy.get(read), settings.clients());
        table.goal("throughput, " + settings.clients() + " clients", perSecond(concurrent.direct()),
            perSecond(concurrent.proxy()), concurrent.ratio(), ">= 0.85x direct",
            concurrent.proxy().perSecond() >= 0.85 * concurrent.direct().perSecond());
        cpuRows(concurrent);
        largeBundle(direct.get(CLAIMS), proxy.get(CLAIMS));
        if (settings.jfr().isPresent()) {
            profile(proxy.get(read), proxy.get(CLAIMS), settings.jfr().get());
        }

        System.out.println();
        System.out.println("Results (Keycloak " + BuildLayout.fromBuild().keycloakVersion() + "; " + cores + "):");
        System.out.print(table.render());
        System.out.println(table.allGoalsMet() ? "All goals met." : "Some goals missed (MISS above).");
    }

    /** The claims search whose answer is closest to {@code readBytes}, found by growing {@code _count}. */
    private String chooseRead(ReadTarget direct) throws IOException, InterruptedException {
        String best = CLAIMS + "?_count=1";
        long bestDistance = Long.MAX_VALUE;
        long previous = -1;
        for (int count = 1; count <= 200; count++) {
            String query = CLAIMS + "?_count=" + count;
            long size = bodySize(direct.get(query));
            if (size <= previous) {
                break; // the member has no more claims to add
            }
            if (Math.abs(size - settings.readBytes()) < bestDistance) {
                best = query;
                bestDistance = Math.abs(size - settings.readBytes());
            }
            if (size > settings.readBytes()) {
                break;
            }
            previous = size;
        }
        return best;
    }

    private void latency(HttpRequest direct, HttpRequest proxy, String size) throws IOException, InterruptedException {
        System.out.printf("Latency: %d warm-up and %d measured request pairs, one at a time, interleaved...%n",
            settings.warmup(), settings.requests());
        LatencyComparison.Result result = new LatencyComparison(http).run(direct, proxy, settings.warmup(),
            settings.requests());
        for (double percentile : new double[] {50, 99}) {
            double d = result.direct().percentileMs(percentile);
            double p = result.proxy().percentileMs(percentile);
            double allowed = percentile == 50 ? 1 : 5;
            table.goal(String.format(Locale.ROOT, "p%.0f latency, %s read", percentile, size), ms(d), ms(p),
                String.format(Locale.ROOT, "%+.2f ms", p - d), "added <= " + (int) allowed + " ms", p - d <= allowed);
        }
    }

    private record Compared(ThroughputRun.Result direct, ThroughputRun.Result proxy) {
        String ratio() {
            return String.format(Locale.ROOT, "%.2fx", proxy.perSecond() / direct.perSecond());
        }
    }

    /** Direct first, then through the proxy. */
    private Compared throughput(HttpRequest direct, HttpRequest proxy, int clients) throws Exception {
        System.out.printf("Throughput with %d client(s): %d s warm-up + %d s measured, direct then proxy...%n",
            clients, warmup().toSeconds(), settings.window().toSeconds());
        ThroughputRun runs = new ThroughputRun(http, keycloak);
        ThroughputRun.Result d = runs.run(direct, clients, warmup(), settings.window());
        ThroughputRun.Result p = runs.run(proxy, clients, warmup(), settings.window());
        if (d.errors() + p.errors() > 0) {
            System.out.printf("  errors: %d direct, %d proxy%n", d.errors(), p.errors());
        }
        return new Compared(d, p);
    }

    private Duration warmup() {
        Duration fifth = settings.window().dividedBy(5);
        return fifth.compareTo(Duration.ofSeconds(2)) < 0 ? Duration.ofSeconds(2) : fifth;
    }

    /** Where the cycles went: on a small machine Keycloak, the sandbox and the clients share the cores. */
    private void cpuRows(Compared run) {
        table.info("  CPU per request, Keycloak JVM", "-", ms(run.proxy().keycloakCpuMsPerRequest()), "");
        table.info("  CPU per request, bench JVM (sandbox+clients)", ms(run.direct().benchCpuMsPerRequest()),
            ms(run.proxy().benchCpuMsPerRequest()), "");
    }

    private void largeBundle(HttpRequest direct, HttpRequest proxy) throws Exception {
        System.out.printf(Locale.ROOT, "Large bundle: %.0f MB generated by the sandbox, streamed direct then proxy,"
            + " Keycloak's heap sampled over JMX every 100 ms...%n", settings.largeBytes() / MB);
        stack.sandbox().controls().serveLargeBundles(settings.largeBytes());
        try {
            Watched d = download(direct);
            Watched p = download(proxy);
            String size = String.format(Locale.ROOT, "%.0f MB bundle", d.download().bytes() / MB);
            table.info("download, " + size, rate(d.download()), rate(p.download()),
                String.format(Locale.ROOT, "%.2fx",
                    p.download().megabytesPerSecond() / d.download().megabytesPerSecond()));
            long growth = p.heap().growth();
            table.goal("Keycloak heap growth, " + size, mb(d.heap().growth()) + " (idle)", mb(growth),
                "+" + mb(growth - d.heap().growth()), "< 32 MB", growth < 32 * MB);
            table.info("  Keycloak heap after GCs, growth / GCs", retained(d.heap()), retained(p.heap()), "");
            table.info("  Keycloak allocated while streaming", mb(d.heap().allocated()), mb(p.heap().allocated()),
                String.format(Locale.ROOT, "%.2f B per B streamed",
                    (double) p.heap().allocated() / p.download().bytes()));
        } finally {
            stack.sandbox().controls().serveLargeBundles(0);
        }
    }

    /** Runs the proxied workloads again while JFR records Keycloak; nothing measured here goes into the table. */
    private void profile(HttpRequest read, HttpRequest bundle, Path dir) throws Exception {
        Files.createDirectories(dir);
        Path reads = dir.resolve("keycloak-reads.jfr");
        System.out.printf("Profiling: %d clients reading through the proxy for %d s, JFR on Keycloak...%n",
            settings.clients(), settings.window().toSeconds());
        keycloak.startJfr("bench-reads");
        new ThroughputRun(http, keycloak).run(read, settings.clients(), Duration.ZERO, settings.window());
        keycloak.stopJfr("bench-reads", reads);
        Path large = dir.resolve("keycloak-bundle.jfr");
        System.out.println("Profiling: the large bundle through the proxy, JFR on Keycloak...");
        stack.sandbox().controls().serveLargeBundles(settings.largeBytes());
        try {
            keycloak.startJfr("bench-bundle");
            LargeDownload.fetch(http, bundle);
            keycloak.stopJfr("bench-bundle", large);
        } finally {
            stack.sandbox().controls().serveLargeBundles(0);
        }
        System.out.println("  recordings: " + reads + " and " + large + "; e.g. jfr print --stack-depth 64 --events "
            + "jdk.ExecutionSample " + reads);
    }

    private record Watched(LargeDownload download, KeycloakHeap.Peak heap) {
    }

    private Watched download(HttpRequest request) throws IOException, InterruptedException {
        Thread.sleep(1000); // lets the previous phase's requests finish
        // Both sides start from Keycloak's live heap, not from wherever its young generation happened to be.
        heap.collect();
        KeycloakHeap.Watch watch = heap.watch();
        LargeDownload download = LargeDownload.fetch(http, request);
        return new Watched(download, watch.stop());
    }

    private long bodySize(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered HTTP " + response.statusCode() + ": "
                + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return response.body().length;
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, "%.2f ms", millis);
    }

    private static String kb(long bytes) {
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1000.0);
    }

    private static String mb(double bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / MB);
    }

    private static String retained(KeycloakHeap.Peak peak) {
        String growth = peak.retainedGrowth().isPresent() ? mb(peak.retainedGrowth().getAsLong()) : "(no GC)";
        return growth + " / " + peak.collections();
    }

    private static String perSecond(ThroughputRun.Result result) {
        return String.format(Locale.ROOT, "%.0f req/s", result.perSecond());
    }

    private static String rate(LargeDownload download) {
        return String.format(Locale.ROOT, "%.1f s, %.0f MB/s", download.elapsed().toNanos() / 1e9,
            download.megabytesPerSecond());
    }
}
