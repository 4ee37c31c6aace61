package dev.payeraccess.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.it.LinkedMemberRealm;
import dev.payeraccess.it.PayerAccessStack;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.TestMembers;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The benchmark's code ({@link ProxyCost}, what {@code ./bench.sh} runs) briefly against the suite's shared
 * Keycloak, so it never rots: it must run through and print every row of its table. Its numbers are not checked
 * here (a shared, busy Keycloak, runs of half a second); the benchmark is where they are measured.
 */
@ExtendWith(PayerAccessStack.class)
class ProxyCostIT {

    /**
     * Two clients: the suite's Keycloak keeps the proxy's default caps (4 requests at once per link). Windows of
     * 0.3 s and a 2 MB bundle: about 10 s of measuring after the linking.
     */
    private static final BenchSettings SHORT = new BenchSettings(5, 30, Duration.ofMillis(300), 2, 10_240,
        2_000_000, false, Optional.empty(), Optional.empty());

    @Test
    void runsThroughAndPrintsTheWholeTable(KeycloakStack stack) throws Exception {
        long start = System.nanoTime();
        LinkedMemberRealm realm = LinkedMemberRealm.create(stack, "bench", "plan", TestMembers.SHERIE);
        System.out.printf("Linked in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        try (ProxyCost cost = ProxyCost.on(stack, SHORT)) {
            ResultTable table = cost.measure(realm, "plan", TestMembers.SHERIE);
            System.out.printf("Linked and measured in %d ms%n", (System.nanoTime() - start) / 1_000_000);
            assertRows(List.of("p50 latency, ", "p99 latency, ", "throughput, 1 client", "floor (GET links), 1 client",
                "Keycloak CPU per request, floor", "Keycloak CPU per proxied read", "of which in the kernel",
                "Keycloak allocated per request, floor / read", "CPU per request, bench JVM",
                "throughput, 2 clients", "floor (GET links), 2 clients", "Keycloak CPU per request, floor",
                "Keycloak CPU per proxied read", "of which in the kernel",
                "Keycloak allocated per request, floor / read", "CPU per request, bench JVM", "download, ",
                "Keycloak allocated while streaming", "Keycloak heap after GCs", "Keycloak heap in use, peak growth",
                "CPU while streaming, Keycloak",
                "CPU while streaming, bench JVM", "download again (JIT warm)", "CPU while streaming, Keycloak",
                // nginx comes with the cluster tests' packages, which .ci/run installs
                "nginx: p50 latency", "nginx: p99 latency", "nginx: throughput, 2 clients"), table.metrics());
            assertRows(List.of("p50 latency, ", "p99 latency, ", "Keycloak CPU per proxied read",
                "throughput, 2 clients", "Keycloak CPU per proxied read", "download, ",
                "Keycloak allocated while streaming", "Keycloak heap after GCs"), table.goals());
            assertEquals(0, cost.errors(), "requests of the throughput runs that failed or were refused");
            String rendered = table.render();
            assertFalse(rendered.contains("NaN") || rendered.contains("Infinity"), rendered);
        } finally {
            realm.delete();
        }
    }

    /** Each metric begins with the expected words, in order (sizes such as "10.8 KB read" come from the data). */
    private static void assertRows(List<String> expected, List<String> metrics) {
        assertEquals(expected.size(), metrics.size(), () -> "rows " + metrics);
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(metrics.get(i).startsWith(expected.get(i)), "row " + i + " of " + metrics);
        }
    }
}
