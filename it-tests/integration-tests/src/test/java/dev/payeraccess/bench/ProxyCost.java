package dev.payeraccess.bench;

import dev.payeraccess.cluster.ClusterTools;
import dev.payeraccess.cluster.LocalPorts;
import dev.payeraccess.cluster.NginxFront;
import dev.payeraccess.it.LinkedMemberRealm;
import dev.payeraccess.launch.BuildLayout;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.SandboxClient;
import dev.payeraccess.sandbox.TestMember;
import dev.payeraccess.sandbox.Track;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the FHIR proxy costs, measured side by side in one run against a running stack: the same read sent
 * directly to the payer sandbox with the member's plan token, and through
 * {@code /realms/{realm}/payer-access/fhir/{alias}} with a Keycloak token; next to both, Keycloak's floor, the
 * extension's {@code GET links} with the same token (Keycloak's bearer check of the proxy, the user's links,
 * no plan call). Latency, throughput, Keycloak's CPU and allocation per request, and Keycloak's heap while a large
 * bundle streams through, in a table against the goals of issue 24; then the same search through nginx and, given
 * its JAR, google/fhir-gateway, beside the proxy ({@link FhirGateway}). {@code ./bench.sh} runs it on a stack of its
 * own ({@code ProxyBenchmark}); {@code ProxyCostIT} runs it briefly on the suite's shared Keycloak, so it never
 * rots.
 */
final class ProxyCost implements AutoCloseable {

    /** The app's scopes: reading the member's claims, and listing the member's plans for the floor. */
    static final String APP_SCOPE = "openid patient/*.read payer-links:read";
    /** The recordings {@code jfr=} writes into its directory. */
    static final String READS_RECORDING = "keycloak-reads.jfr";
    static final String BUNDLE_RECORDING = "keycloak-bundle.jfr";
    private static final String CLAIMS = "ExplanationOfBenefit";
    private static final double MB = 1_000_000.0;
    /** The goal for Keycloak's CPU per proxied read: at most this much over the floor, in ms. */
    private static final double CPU_OVER_FLOOR_MS = 0.3;

    private final KeycloakStack stack;
    private final BenchSettings settings;
    private final HttpClient http;
    private final KeycloakJvm keycloak;
    private final KeycloakHeap heap;
    private final ResultTable table = new ResultTable();
    private long errors;

    private ProxyCost(KeycloakStack stack, BenchSettings settings) throws Exception {
        this.stack = stack;
        this.settings = settings;
        // HTTP/1.1 on both sides: the JDK client would otherwise try an h2c upgrade, and the pool is unbounded.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
        this.keycloak = KeycloakJvm.of(stack.keycloak());
        this.heap = KeycloakHeap.attach(keycloak);
    }

    /** Finds the stack's Keycloak JVM and attaches to it over JMX. */
    static ProxyCost on(KeycloakStack stack, BenchSettings settings) throws Exception {
        return new ProxyCost(stack, settings);
    }

    /**
     * Measures {@code realm}'s plan {@code alias}, to which {@code member} is linked, prints the table and
     * returns it.
     */
    ResultTable measure(LinkedMemberRealm realm, String alias, TestMember member) throws Exception {
        String cores = settings.splitCores() ? CoreSplit.apply(keycloak)
            : Runtime.getRuntime().availableProcessors() + " cores shared by Keycloak, the sandbox and the clients";
        System.out.println("CPUs: " + cores);
        ReadTarget direct = new ReadTarget("direct", stack.sandbox().urls().fhirBase(),
            new SandboxClient(stack.sandbox().urls()).tokensFor(Track.TEST, member).get("access_token").asText(),
            ReadTarget.FHIR_JSON);
        if (settings.fhirGatewayJar().isPresent()) {
            realm.addPatientIdClaim(member.patientId()); // before the token is issued
        }
        String token = realm.accessToken(APP_SCOPE);
        ReadTarget proxy = new ReadTarget("proxy", realm.apiBase() + "/fhir/" + alias, token, ReadTarget.FHIR_JSON);
        ReadTarget floor = new ReadTarget("floor", realm.apiBase(), token, ReadTarget.JSON);
        // The gateway's patient access checker admits a search only when it names the patient; all three read the same.
        String search = settings.fhirGatewayJar().isPresent() ? CLAIMS + "?patient=" + member.patientId() + "&"
            : CLAIMS + "?";
        String read = chooseRead(direct, search);
        long directBytes = bodySize(direct.get(read));
        long proxyBytes = bodySize(proxy.get(read));
        bodySize(floor.get("links"));
        System.out.printf(Locale.ROOT, "Read: GET %s (%,d bytes direct, %,d through the proxy: its URLs are longer);"
            + " floor: GET %s/links%n", read, directBytes, proxyBytes, floor.fhirBase());

        warmUp(direct.get(read), proxy.get(read), floor.get("links"));
        Compared single = throughput(direct.get(read), proxy.get(read), floor.get("links"), 1);
        Compared concurrent = throughput(direct.get(read), proxy.get(read), floor.get("links"), settings.clients());
        // Latency last, after the throughput runs' tens of thousands of reads, as on a node in service: taken right
        // after the warm-up pairs, the same build added about twice as much at p50.
        latency(direct.get(read), proxy.get(read), kb(directBytes));
        table.info("throughput, 1 client", perSecond(single.direct()), perSecond(single.proxy()), single.ratio());
        cpuRows(single, "1 client");
        String clients = settings.clients() + " clients";
        table.goal("throughput, " + clients, perSecond(concurrent.direct()), perSecond(concurrent.proxy()),
            concurrent.ratio(), ">= 0.95x direct",
            concurrent.proxy().perSecond() >= 0.95 * concurrent.direct().perSecond());
        cpuRows(concurrent, clients);
        largeBundle(direct.get(CLAIMS), proxy.get(CLAIMS));
        sideBySide(realm, direct, proxy, token, read, concurrent);
        if (settings.jfr().isPresent()) {
            profile(proxy.get(read), proxy.get(CLAIMS), settings.jfr().get());
        }

        System.out.println();
        System.out.println("Results (Keycloak " + BuildLayout.fromBuild().keycloakVersion() + "; " + cores + "):");
        System.out.print(table.render());
        System.out.println(table.allGoalsMet() ? "All goals met." : "Some goals missed (MISS above).");
        return table;
    }

    /** Requests of the throughput runs that failed or answered other than 200, so far. */
    long errors() {
        return errors;
    }

    @Override
    public void close() throws IOException {
        heap.close();
    }

    /** The claims search ({@code search} and a count) whose answer is closest to {@code readBytes}. */
    private String chooseRead(ReadTarget direct, String search) throws IOException, InterruptedException {
        String best = search + "_count=1";
        long bestDistance = Long.MAX_VALUE;
        long previous = -1;
        for (int count = 1; count <= 200; count++) {
            String query = search + "_count=" + count;
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
        System.out.printf("Latency: %d measured request pairs, one at a time, interleaved...%n", settings.requests());
        LatencyComparison.Result result = new LatencyComparison(http).run(direct, proxy, 0, settings.requests());
        for (double percentile : new double[] {50, 99}) {
            double d = result.direct().percentileMs(percentile);
            double p = result.proxy().percentileMs(percentile);
            double allowed = percentile == 50 ? 1 : 3;
            table.goal(String.format(Locale.ROOT, "p%.0f latency, %s read", percentile, size), ms(d), ms(p),
                String.format(Locale.ROOT, "%+.2f ms", p - d), "added <= " + (int) allowed + " ms", p - d <= allowed);
        }
    }

    /**
     * google/fhir-gateway and nginx in front of the same sandbox, on the same search and load, each measured the way
     * the proxy was: its latency and throughput against direct calls measured with it. nginx
     * passes the member's plan token through and checks nothing: it is what one more hop costs. The gateway checks
     * the app's Keycloak token itself, as the proxy does.
     */
    private void sideBySide(LinkedMemberRealm realm, ReadTarget direct, ReadTarget proxy, String token, String read,
                            Compared proxyRun) throws Exception {
        Optional<ClusterTools> tools = installedTools();
        if (tools.isPresent()) {
            URI sandbox = URI.create(direct.fhirBase());
            try (NginxFront nginx = NginxFront.start(tools.get(), LocalPorts.free(), List.of(sandbox.getPort()),
                Files.createTempDirectory("bench-nginx-"))) {
                System.out.println("Side by side: nginx at " + nginx.url() + " in front of the sandbox...");
                peer("nginx", direct, new ReadTarget("nginx", nginx.url() + sandbox.getPath(), direct.bearer(),
                    ReadTarget.FHIR_JSON), Optional.empty(), read, proxyRun, Optional.empty());
            }
        }
        if (settings.fhirGatewayJar().isEmpty()) {
            System.out.println("Side by side: no fhirGatewayJar=, so no google/fhir-gateway row (see the README)");
            return;
        }
        Path jar = settings.fhirGatewayJar().get();
        System.out.println("Side by side: starting google/fhir-gateway from " + jar + "...");
        stack.sandbox().controls().admitAnonymousAs(direct.bearer());
        String issuer = realm.apiBase().substring(0, realm.apiBase().lastIndexOf("/payer-access"));
        try (FhirGateway gateway = FhirGateway.start(jar, direct.fhirBase(), issuer, read, token)) {
            // The proxy's latency again, interleaved with the gateway's: both added at the same moments.
            Peer measured = peer("fhir-gateway", direct, new ReadTarget("fhir-gateway", gateway.base(), token,
                ReadTarget.FHIR_JSON), Optional.of(proxy), read, proxyRun, Optional.of(gateway::cpu));
            double proxyRatio = proxyRun.proxy().perSecond() / proxyRun.direct().perSecond();
            table.goal("proxy against fhir-gateway, p50 added / throughput", "-",
                String.format(Locale.ROOT, "%+.2f / %+.2f ms", measured.proxyAddedP50(), measured.addedP50()),
                String.format(Locale.ROOT, "%.2fx / %.2fx", proxyRatio, measured.ratio()), "ahead on both",
                measured.proxyAddedP50() <= measured.addedP50() && proxyRatio >= measured.ratio());
        } finally {
            stack.sandbox().controls().refuseAnonymous();
        }
    }

    /** Debian's nginx, where installed (it comes with PostgreSQL, as {@code .ci/run} installs both). */
    private static Optional<ClusterTools> installedTools() {
        try {
            return Optional.of(ClusterTools.find());
        } catch (IllegalStateException notInstalled) {
            System.out.println("Side by side: no nginx row: " + notInstalled.getMessage());
            return Optional.empty();
        }
    }

    /** What one peer added at p50, its throughput against direct, and what the proxy added at p50 beside it. */
    private record Peer(double addedP50, double ratio, double proxyAddedP50) {
    }

    private Peer peer(String name, ReadTarget direct, ReadTarget through, Optional<ReadTarget> proxy, String read,
                      Compared proxyRun, Optional<Supplier<Duration>> cpu) throws Exception {
        List<HttpRequest> sides = new ArrayList<>(List.of(direct.get(read), through.get(read)));
        proxy.ifPresent(p -> sides.add(p.get(read)));
        System.out.printf("  %s latency: %d warm-up and %d measured rounds, interleaved with direct calls%s...%n",
            name, settings.warmup(), settings.requests(), proxy.isPresent() ? " and the proxy's" : "");
        LatencyComparison.Result latency = new LatencyComparison(http).run(sides, settings.warmup(),
            settings.requests());
        for (double percentile : new double[] {50, 99}) {
            double d = latency.direct().percentileMs(percentile);
            double p = latency.each().get(1).percentileMs(percentile);
            table.info(String.format(Locale.ROOT, "%s: p%.0f latency", name, percentile), ms(d), ms(p),
                String.format(Locale.ROOT, "%+.2f ms", p - d));
        }
        System.out.printf("  %s throughput with %d clients, direct then through it...%n", name, settings.clients());
        ThroughputRun runs = new ThroughputRun(http, keycloak, heap);
        ThroughputRun.Result directRun = runs.run(direct.get(read), settings.clients(), warmup(), settings.window());
        Duration cpuBefore = cpu.map(Supplier::get).orElse(Duration.ZERO);
        ThroughputRun.Result run = runs.run(through.get(read), settings.clients(), warmup(), settings.window());
        Duration used = cpu.map(Supplier::get).orElse(Duration.ZERO).minus(cpuBefore);
        errors += directRun.errors() + run.errors();
        double ratio = run.perSecond() / directRun.perSecond();
        table.info(name + ": throughput, " + settings.clients() + " clients", perSecond(directRun), perSecond(run),
            String.format(Locale.ROOT, "%.2fx", ratio));
        if (cpu.isPresent()) {
            table.info("  " + name + " CPU per read (Keycloak's per proxied read)", "-",
                ms(used.toNanos() / 1e6 / Math.max(1, run.requests())),
                "(" + ms(proxyRun.proxy().keycloakCpuMsPerRequest()) + ")");
        }
        double directP50 = latency.direct().percentileMs(50);
        return new Peer(latency.each().get(1).percentileMs(50) - directP50, ratio,
            proxy.isPresent() ? latency.each().get(2).percentileMs(50) - directP50 : Double.NaN);
    }

    /**
     * Nothing measured: a burst of each side at full concurrency, then the warm-up pairs one at a time (while the JIT
     * compiles what the burst made hot), so that the first measured run meets a compiled request path, as on a node in
     * service.
     */
    private void warmUp(HttpRequest direct, HttpRequest proxy, HttpRequest floor) throws Exception {
        System.out.printf("Warm-up: %.1f s of %d clients each direct, proxied and at the floor, then %d request pairs, "
            + "direct and proxied, one at a time...%n", 2 * warmup().toMillis() / 1000.0, settings.clients(),
            settings.warmup());
        ThroughputRun runs = new ThroughputRun(http, keycloak, heap);
        for (HttpRequest request : List.of(direct, proxy, floor)) {
            runs.run(request, settings.clients(), Duration.ZERO, warmup().multipliedBy(2));
        }
        new LatencyComparison(http).warmUp(List.of(direct, proxy), settings.warmup());
    }

    /** The same load direct, through the proxy and at the floor. */
    private record Compared(ThroughputRun.Result direct, ThroughputRun.Result proxy, ThroughputRun.Result floor) {
        String ratio() {
            return String.format(Locale.ROOT, "%.2fx", proxy.perSecond() / direct.perSecond());
        }
    }

    /** Direct first, then through the proxy, then the floor. */
    private Compared throughput(HttpRequest direct, HttpRequest proxy, HttpRequest floor, int clients)
        throws Exception {
        System.out.printf("Throughput with %d client(s): %.1f s warm-up + %.1f s measured, direct, proxy, then "
            + "the floor...%n", clients, warmup().toMillis() / 1000.0, settings.window().toMillis() / 1000.0);
        ThroughputRun runs = new ThroughputRun(http, keycloak, heap);
        ThroughputRun.Result d = runs.run(direct, clients, warmup(), settings.window());
        ThroughputRun.Result p = runs.run(proxy, clients, warmup(), settings.window());
        ThroughputRun.Result f = runs.run(floor, clients, warmup(), settings.window());
        errors += d.errors() + p.errors() + f.errors();
        if (d.errors() + p.errors() + f.errors() > 0) {
            System.out.printf("  errors: %d direct, %d proxy, %d floor%n", d.errors(), p.errors(), f.errors());
        }
        return new Compared(d, p, f);
    }

    /** A fifth of the window, at least 2 s, but never longer than the window (the suite's short run). */
    private Duration warmup() {
        Duration fifth = settings.window().dividedBy(5);
        Duration least = settings.window().compareTo(Duration.ofSeconds(2)) < 0 ? settings.window()
            : Duration.ofSeconds(2);
        return fifth.compareTo(least) < 0 ? least : fifth;
    }

    /**
     * Keycloak's CPU per proxied read against its floor, measured over the same kind of window: Keycloak's process
     * CPU time (all its threads, GC and JIT included) divided by the requests completed. Where the cycles went
     * besides: on a small machine Keycloak, the sandbox and the clients share the cores.
     */
    private void cpuRows(Compared run, String clients) {
        double floor = run.floor().keycloakCpuMsPerRequest();
        double read = run.proxy().keycloakCpuMsPerRequest();
        table.info("  floor (GET links), " + clients, "-", perSecond(run.floor()), "");
        table.info("  Keycloak CPU per request, floor", "-", ms(floor), "");
        table.goal("  Keycloak CPU per proxied read", "-", ms(read),
            String.format(Locale.ROOT, "%+.2f ms over floor", read - floor),
            String.format(Locale.ROOT, "<= floor + %.1f ms", CPU_OVER_FLOOR_MS), read - floor <= CPU_OVER_FLOOR_MS);
        // Unlike the floor, a proxied read also calls the plan over a socket and sends a larger answer.
        table.info("  of which in the kernel, floor / read", "-", ms(run.floor().keycloakKernelCpuMsPerRequest())
            + " / " + ms(run.proxy().keycloakKernelCpuMsPerRequest()), "");
        table.info("  Keycloak allocated per request, floor / read", "-",
            kb(run.floor().keycloakAllocatedPerRequest()) + " / " + kb(run.proxy().keycloakAllocatedPerRequest()),
            "");
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
            double speed = p.download().megabytesPerSecond() / d.download().megabytesPerSecond();
            table.goal("download, " + size, rate(d.download()), rate(p.download()),
                String.format(Locale.ROOT, "%.2fx", speed), ">= 0.8x direct", speed >= 0.8);
            double perByte = (double) p.heap().allocated() / p.download().bytes();
            table.goal("  Keycloak allocated while streaming", mb(d.heap().allocated()), mb(p.heap().allocated()),
                String.format(Locale.ROOT, "%.2f B per B streamed", perByte), "<= 0.5 B per B", perByte <= 0.5);
            // Without a collection while streaming, the peak in use (garbage included) bounds what was retained.
            long retained = p.heap().retainedGrowth().orElse(p.heap().growth());
            table.goal("  Keycloak heap after GCs, growth / GCs", retained(d.heap()), retained(p.heap()), "",
                "< 32 MB", retained < 32 * MB);
            table.info("  Keycloak heap in use, peak growth", mb(d.heap().growth()) + " (idle)",
                mb(p.heap().growth()), "+" + mb(p.heap().growth() - d.heap().growth()));
            // Where the time goes: the sandbox, the clients and Keycloak share the cores.
            keycloakCpu(d, p);
            table.info("  CPU while streaming, bench JVM (sandbox+client)", seconds(d.benchCpu()),
                seconds(p.benchCpu()), "");
            // The first huge answer runs partly in code the JIT compiled for small ones; a node that serves many is
            // past that. Both sides again, the same way, for the steady state.
            Watched again = download(direct);
            Watched proxyAgain = download(proxy);
            table.info("download again (JIT warm)", rate(again.download()), rate(proxyAgain.download()),
                String.format(Locale.ROOT, "%.2fx", proxyAgain.download().megabytesPerSecond()
                    / again.download().megabytesPerSecond()));
            keycloakCpu(again, proxyAgain);
        } finally {
            stack.sandbox().controls().serveLargeBundles(0);
        }
    }

    private void keycloakCpu(Watched direct, Watched proxy) {
        table.info("  CPU while streaming, Keycloak", seconds(direct.keycloakCpu()) + " (idle)",
            seconds(proxy.keycloakCpu()), String.format(Locale.ROOT, "%.0f MB per CPU s",
                proxy.download().bytes() / 1e6 / (proxy.keycloakCpu().toNanos() / 1e9)));
    }

    /** Runs the proxied workloads again while JFR records Keycloak; nothing measured here goes into the table. */
    private void profile(HttpRequest read, HttpRequest bundle, Path dir) throws Exception {
        Files.createDirectories(dir);
        Path reads = dir.resolve(READS_RECORDING);
        System.out.printf("Profiling: %d clients reading through the proxy for %d s, JFR on Keycloak...%n",
            settings.clients(), settings.window().toSeconds());
        keycloak.startJfr("bench-reads");
        ThroughputRun.Result recorded = new ThroughputRun(http, keycloak, heap).run(read, settings.clients(),
            Duration.ZERO, settings.window());
        keycloak.stopJfr("bench-reads", reads);
        System.out.printf(Locale.ROOT, "  while recording: %d reads (%d errors), Keycloak CPU %.2f ms and %.1f KB "
            + "allocated per read%n", recorded.requests(), recorded.errors(), recorded.keycloakCpuMsPerRequest(),
            recorded.keycloakAllocatedPerRequest() / 1000);
        Path large = dir.resolve(BUNDLE_RECORDING);
        System.out.println("Profiling: the large bundle through the proxy, JFR on Keycloak...");
        stack.sandbox().controls().serveLargeBundles(settings.largeBytes());
        try {
            keycloak.startJfr("bench-bundle");
            long allocatedBefore = heap.allocated();
            LargeDownload download = LargeDownload.fetch(http, bundle);
            long allocated = heap.allocated() - allocatedBefore;
            keycloak.stopJfr("bench-bundle", large);
            System.out.printf(Locale.ROOT, "  while recording: %.0f MB at %.0f MB/s, Keycloak allocated %.2f B per B%n",
                download.bytes() / MB, download.megabytesPerSecond(), (double) allocated / download.bytes());
        } finally {
            stack.sandbox().controls().serveLargeBundles(0);
        }
        System.out.println("  recordings: " + reads + " and " + large + "; e.g. jfr print --stack-depth 64 --events "
            + "jdk.ExecutionSample " + reads);
    }

    private record Watched(LargeDownload download, KeycloakHeap.Peak heap, Duration keycloakCpu, Duration benchCpu) {
    }

    private Watched download(HttpRequest request) throws IOException, InterruptedException {
        Thread.sleep(1000); // lets the previous phase's requests finish
        // Both sides start from Keycloak's live heap, not from wherever its young generation happened to be.
        heap.collect();
        KeycloakHeap.Watch watch = heap.watch();
        Duration keycloakBefore = keycloak.cpu();
        Duration benchBefore = ThroughputRun.benchCpu();
        LargeDownload download = LargeDownload.fetch(http, request);
        Duration keycloakCpu = keycloak.cpu().minus(keycloakBefore);
        Duration benchCpu = ThroughputRun.benchCpu().minus(benchBefore);
        return new Watched(download, watch.stop(), keycloakCpu, benchCpu);
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

    private static String seconds(Duration cpu) {
        return String.format(Locale.ROOT, "%.2f s", cpu.toNanos() / 1e9);
    }

    private static String kb(double bytes) {
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
