package dev.payeraccess.bench;

import dev.payeraccess.cluster.KeycloakCluster;
import dev.payeraccess.it.LinkedMemberRealm;
import dev.payeraccess.keycloak.KeycloakServer;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.TestMember;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.control.Area;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The cluster soak: two Keycloak nodes on PostgreSQL behind nginx (all on loopback), members linked through the
 * real pages, and {@code readers} clients reading their claims through nginx without pause for {@code minutes},
 * while the plan's tokens expire every {@code tokenSeconds}. Prints a line a minute and, at the end, the errors
 * (goal: none) counted by their cause ({@link ErrorCause}: the status and the first words of the answer), the plan
 * refreshes per token expiry (goal: exactly one) and each node's heap after a full
 * collection at the start and at the end (goal: flat). Not a test: {@code ./soak.sh}.
 */
public final class ClusterSoak {

    private static final String ALIAS = "plan";
    private static final String APP_SCOPE = "openid patient/*.read";
    private static final String READ = "ExplanationOfBenefit?_count=5";
    private static final int ERROR_SAMPLES = 5;
    private static final double MB = 1024.0 * 1024.0;

    private final KeycloakStack stack;
    private final KeycloakCluster cluster;
    private final SoakSettings settings;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private final LongAdder reads = new LongAdder();
    private final Map<ErrorCause, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicInteger samplesShown = new AtomicInteger();

    /** One linked member: its FHIR base through nginx and its app's current access token. */
    private record Reader(LinkedMemberRealm realm, String fhirBase, AtomicReference<String> appToken) {
    }

    private ClusterSoak(KeycloakStack stack, SoakSettings settings) {
        this.stack = stack;
        this.cluster = stack.cluster().orElseThrow();
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        SoakSettings settings = SoakSettings.parse(args);
        System.out.println("Starting the sandbox, PostgreSQL, two Keycloak nodes and nginx (the first start builds, "
            + "~1 min)...");
        // Every reader of a member reads as that member: the proxy's per-user and per-link caps (8 and 4 a node by
        // default) would turn the surplus away with 429, so the soak raises them to the readers per member.
        String cap = String.valueOf(Math.max(8, (settings.readers() + settings.members() - 1) / settings.members()));
        try (KeycloakStack stack = KeycloakStack.builder().name("soak").cluster()
            .keycloakOption("--spi-payer-access-proxy-limits--node-local--max-requests-per-user=" + cap)
            .keycloakOption("--spi-payer-access-proxy-limits--node-local--max-requests-per-link=" + cap)
            .start()) {
            System.out.println(stack);
            boolean met = new ClusterSoak(stack, settings).run();
            System.exit(met ? 0 : 1);
        }
    }

    private boolean run() throws Exception {
        List<Reader> members = link();
        // From here on the plan issues short-lived tokens, and it calls every token issued so far expired: the first
        // reads renew each member once, then the proxy renews each token before it runs out.
        stack.sandbox().controls().accessTokenLifetime(settings.tokenLifetime());
        stack.sandbox().clock().advance(Duration.ofDays(1));
        List<Long> heapBefore = heapAfterCollection();
        List<Duration> cpuBefore = cpu();
        int refreshesBefore = stack.sandbox().controls().requestCount(Area.TOKEN);
        System.out.printf(Locale.ROOT,
            "Reading for %d min: %d readers over %d members through %s; plan tokens live %d s%n",
            settings.duration().toMinutes(), settings.readers(), members.size(), cluster.publicUrl(),
            settings.tokenLifetime().toSeconds());

        Instant start = Instant.now();
        Instant end = start.plus(settings.duration());
        List<Thread> threads = startReaders(members, end);
        List<Integer> refreshesEachSecond = report(members, start, end, refreshesBefore);
        for (Thread thread : threads) {
            thread.join(Duration.ofMinutes(2).toMillis());
        }
        Duration elapsed = Duration.between(start, Instant.now());
        return summary(members.size(), elapsed, refreshesEachSecond, heapBefore, heapAfterCollection(), cpuBefore);
    }

    private List<Reader> link() throws Exception {
        List<Reader> members = new ArrayList<>();
        for (TestMember member : TestMembers.all().subList(0, settings.members())) {
            System.out.println("Linking " + member.patientId() + " through node A's login and idp_link pages...");
            LinkedMemberRealm realm = LinkedMemberRealm.create(stack, "soak", ALIAS, member);
            members.add(new Reader(realm, cluster.publicUrl() + "/realms/" + realm.name() + "/payer-access/fhir/"
                + ALIAS,
                new AtomicReference<>(realm.accessToken(APP_SCOPE))));
        }
        return members;
    }

    private List<Thread> startReaders(List<Reader> members, Instant end) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < settings.readers(); i++) {
            Reader reader = members.get(i % members.size());
            Thread thread = new Thread(() -> readUntil(reader, end), "soak-reader-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    /** One closed-loop reader: read, wait for the whole answer, read again, until {@code end}. */
    private void readUntil(Reader reader, Instant end) {
        while (Instant.now().isBefore(end)) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(reader.fhirBase() + "/"
                    + READ))
                    .header("Authorization", "Bearer " + reader.appToken().get()).timeout(Duration.ofSeconds(60))
                    .build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    reads.increment();
                } else {
                    error(ErrorCause.ofAnswer(answer.statusCode(), answer.body()), answer.body());
                }
            } catch (IOException e) {
                error(ErrorCause.ofFailure(e), String.valueOf(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void error(ErrorCause cause, String detail) {
        errors.computeIfAbsent(cause, k -> new LongAdder()).increment();
        if (samplesShown.incrementAndGet() <= ERROR_SAMPLES) {
            System.out.println("  error: " + cause + ": " + detail.substring(0, Math.min(300, detail.length())));
        }
    }

    /**
     * Counts the plan's refreshes every second until {@code end} (the counts are returned, one a second) and prints a
     * line a minute; app tokens (an hour's life) are renewed every 20 minutes on the way.
     */
    private List<Integer> report(List<Reader> members, Instant start, Instant end, int refreshesBefore)
        throws Exception {
        List<Integer> refreshesEachSecond = new ArrayList<>();
        long lastReads = 0;
        for (int second = 1; Instant.now().isBefore(end); second++) {
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), start.plusSeconds(second)).toMillis()));
            int refreshes = stack.sandbox().controls().requestCount(Area.TOKEN) - refreshesBefore;
            refreshesEachSecond.add(refreshes);
            if (second % 60 != 0) {
                continue;
            }
            long total = reads.sum();
            System.out.printf(Locale.ROOT, "  %3d min: %,d reads (%.0f/s this minute), %d errors, %d plan refreshes%n",
                second / 60, total, (total - lastReads) / 60.0, errorCount(), refreshes);
            lastReads = total;
            if (second % 1200 == 0) {
                for (Reader reader : members) {
                    reader.appToken().set(reader.realm().accessToken(APP_SCOPE));
                }
            }
        }
        return refreshesEachSecond;
    }

    /**
     * Refreshes per token expiry, counted where no renewal is due: halfway between two renewals. Every member renews
     * once at the start (the plan calls the linking tokens expired), then once per renewal interval, all at about
     * the same moments; so halfway through interval {@code k}, each member has renewed {@code k + 1} times.
     *
     * @return the refreshes counted and the expiries due at that moment
     */
    private long[] refreshesAndExpiries(int members, List<Integer> refreshesEachSecond) {
        long interval = settings.renewalInterval().toSeconds();
        long k = (refreshesEachSecond.size() - interval / 2) / interval;
        int at = (int) (k * interval + interval / 2);
        if (k < 0 || at < 1) {
            return new long[] {refreshesEachSecond.isEmpty() ? 0
                : refreshesEachSecond.get(refreshesEachSecond.size() - 1),
                members};
        }
        return new long[] {refreshesEachSecond.get(at - 1), members * (k + 1)};
    }

    private long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private boolean summary(int members, Duration elapsed, List<Integer> refreshesEachSecond, List<Long> heapBefore,
                            List<Long> heapAfter, List<Duration> cpuBefore) {
        long[] counted = refreshesAndExpiries(members, refreshesEachSecond);
        long refreshes = counted[0];
        long expiries = counted[1];
        boolean oneRefreshPerExpiry = refreshes == expiries;
        List<Duration> cpuAfter = cpu();
        System.out.println();
        System.out.printf(Locale.ROOT, "Soak results (Keycloak %s, two nodes behind nginx, %d readers, %d s):%n",
            stack.keycloakVersion(), settings.readers(), elapsed.toSeconds());
        System.out.printf(Locale.ROOT, "  reads:                %,d (%.0f/s)%n", reads.sum(),
            reads.sum() / (elapsed.toMillis() / 1000.0));
        System.out.printf(Locale.ROOT, "  errors:               %d (goal 0)%n", errorCount());
        errors.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
            .forEach(e -> System.out.printf(Locale.ROOT, "    %,8d  %s%n", e.getValue().sum(), e.getKey()));
        System.out.printf(Locale.ROOT,
            "  plan refreshes:       %d for %d token expiries (%d members, a renewal every %d s, "
                + "counted between renewals): %.2f per expiry (goal 1); %d in all%n", refreshes, expiries, members,
            settings.renewalInterval().toSeconds(), refreshes / (double) expiries,
            refreshesEachSecond.isEmpty() ? 0 : refreshesEachSecond.get(refreshesEachSecond.size() - 1));
        boolean flat = true;
        for (int node = 0; node < heapBefore.size(); node++) {
            long growth = heapAfter.get(node) - heapBefore.get(node);
            flat &= growth < 32 * MB;
            System.out.printf(Locale.ROOT, "  node %c heap after GC:  %.1f MB at start, %.1f MB at end (%+.1f MB); "
                    + "CPU %d s%n", 'A' + node, heapBefore.get(node) / MB, heapAfter.get(node) / MB, growth / MB,
                cpuAfter.get(node).minus(cpuBefore.get(node)).toSeconds());
        }
        boolean met = errorCount() == 0 && oneRefreshPerExpiry && flat;
        System.out.println(met ? "All goals met."
            : "Some goals missed (errors, refreshes per expiry, or heap growth of 32 MB or more).");
        return met;
    }

    private List<Long> heapAfterCollection() throws Exception {
        List<Long> used = new ArrayList<>();
        for (KeycloakServer node : nodes()) {
            try (KeycloakHeap heap = KeycloakHeap.attach(KeycloakJvm.of(node))) {
                heap.collect();
                used.add(heap.sample().used());
            }
        }
        return used;
    }

    private List<Duration> cpu() {
        return nodes().stream().map(node -> KeycloakJvm.of(node).cpu()).toList();
    }

    private List<KeycloakServer> nodes() {
        List<KeycloakServer> nodes = new ArrayList<>();
        for (int i = 0; i < cluster.size(); i++) {
            nodes.add(cluster.node(i));
        }
        return nodes;
    }
}
