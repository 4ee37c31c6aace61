package dev.payeraccess.health.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.payeraccess.plan.DocumentClient;
import dev.payeraccess.plan.OutboundTargets;
import dev.payeraccess.plan.PlanCapabilities;
import dev.payeraccess.plan.PlanFetch;
import dev.payeraccess.plan.PlanMetadata;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plan that sends its CapabilityStatement one byte every 100 ms (62 bytes: over 6 s) never trips a socket timeout of
 * 500 ms; the probe's deadline (twice that, 1 s) ends it all the same.
 */
class DeadlineHttpClientTest {

    private static final int TIMEOUT_MS = 500;
    private static final String STATEMENT = "{\"resourceType\":\"CapabilityStatement\",\"fhirVersion\":\"4.0.1\"}";

    private HttpServer plan;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void dripFeedingPlan() throws Exception {
        plan = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        plan.setExecutor(Executors.newCachedThreadPool());
        plan.createContext("/r4/metadata", exchange -> {
            byte[] body = STATEMENT.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                for (byte b : body) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (Exception ended) {
                // The client hung up: what this test wants.
            }
        });
        plan.start();
    }

    @AfterEach
    void stop() {
        plan.stop(0);
        deadlines.shutdownNow();
    }

    private PlanFetch<PlanCapabilities> read(CloseableHttpClient http) {
        DocumentClient client = new DocumentClient(http, OutboundTargets.withPrivateAddresses(
            OutboundTargets.Resolver.system()));
        return PlanMetadata.read(client, "http://127.0.0.1:" + plan.getAddress().getPort() + "/r4", TIMEOUT_MS,
            List.of("Patient"));
    }

    @Test
    void aDripFeedingPlanIsCutOffAtTheDeadlineAndCountsAsATimeout() throws Exception {
        try (CloseableHttpClient http = new DeadlineHttpClient(HttpClients.createDefault(), deadlines)) {
            PlanFetch<PlanCapabilities> fetch = read(http);

            assertEquals(PlanFetch.Kind.TIMEOUT, fetch.failure().orElseThrow().kind(), fetch.toString());
            assertTrue(fetch.latency().toMillis() < 3_000, "ended near its 1-s deadline: " + fetch.latency());
        }
    }

    @Test
    void withoutTheDeadlineTheSameReadWaitsForEveryByte() throws Exception {
        try (CloseableHttpClient http = HttpClients.createDefault()) {
            PlanFetch<PlanCapabilities> fetch = read(http);

            assertTrue(fetch.latency().toMillis() > 4_000, "each byte came within the socket timeout: "
                + fetch.latency());
        }
    }
}
