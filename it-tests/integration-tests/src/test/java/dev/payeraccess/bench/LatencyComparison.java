package dev.payeraccess.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Sequential latency of the same read directly at the plan and through the proxy, one request at a time
 * and interleaved (the order alternating per pair), so both sides see the same JIT, GC and machine state.
 */
final class LatencyComparison {

    record Result(Latencies direct, Latencies proxy) {
    }

    private final HttpClient http;

    LatencyComparison(HttpClient http) {
        this.http = http;
    }

    Result run(HttpRequest direct, HttpRequest proxy, int warmupPairs, int measuredPairs)
        throws IOException, InterruptedException {
        long[] ignored = new long[warmupPairs];
        measure(direct, proxy, ignored, ignored.clone());
        long[] directNanos = new long[measuredPairs];
        long[] proxyNanos = new long[measuredPairs];
        measure(direct, proxy, directNanos, proxyNanos);
        return new Result(new Latencies(directNanos), new Latencies(proxyNanos));
    }

    private void measure(HttpRequest direct, HttpRequest proxy, long[] directNanos, long[] proxyNanos)
        throws IOException, InterruptedException {
        for (int i = 0; i < directNanos.length; i++) {
            if (i % 2 == 0) {
                directNanos[i] = timed(direct);
                proxyNanos[i] = timed(proxy);
            } else {
                proxyNanos[i] = timed(proxy);
                directNanos[i] = timed(direct);
            }
        }
    }

    /** From sending to the last byte of the body. */
    private long timed(HttpRequest request) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long elapsed = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered HTTP " + response.statusCode() + ": "
                + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return elapsed;
    }
}
