package dev.payeraccess.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Sequential latency of the same read directly at the plan and through the proxy (and, side by side, through a peer),
 * one request at a time and interleaved (each round starting one further along), so every side sees the same JIT, GC
 * and machine state.
 */
final class LatencyComparison {

    /** The latencies of each request given, in order: direct first, then the proxy (then a peer). */
    record Result(List<Latencies> each) {
        Latencies direct() {
            return each.get(0);
        }

        Latencies proxy() {
            return each.get(1);
        }
    }

    private final HttpClient http;

    LatencyComparison(HttpClient http) {
        this.http = http;
    }

    Result run(HttpRequest direct, HttpRequest proxy, int warmupPairs, int measuredPairs)
        throws IOException, InterruptedException {
        return run(List.of(direct, proxy), warmupPairs, measuredPairs);
    }

    /** Rounds as {@link #run} makes them, not measured. */
    void warmUp(List<HttpRequest> requests, int rounds) throws IOException, InterruptedException {
        measure(requests, new long[requests.size()][rounds]);
    }

    Result run(List<HttpRequest> requests, int warmupRounds, int measuredRounds)
        throws IOException, InterruptedException {
        warmUp(requests, warmupRounds);
        long[][] nanos = new long[requests.size()][measuredRounds];
        measure(requests, nanos);
        List<Latencies> each = new ArrayList<>();
        for (long[] side : nanos) {
            each.add(new Latencies(side));
        }
        return new Result(each);
    }

    private void measure(List<HttpRequest> requests, long[][] nanos) throws IOException, InterruptedException {
        int sides = requests.size();
        for (int i = 0; i < nanos[0].length; i++) {
            for (int k = 0; k < sides; k++) {
                int side = (i + k) % sides;
                nanos[side][i] = timed(requests.get(side));
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
