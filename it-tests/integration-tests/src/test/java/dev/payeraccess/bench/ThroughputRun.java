package dev.payeraccess.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop throughput: {@code clients} threads each send the read, wait for the whole answer and send
 * it again. Answers completed inside the measured window count; the warm-up before it does not. Also
 * notes how much CPU Keycloak and this JVM (the sandbox and the clients) used in the window, because on
 * a small machine all three compete for the same cores, and how much Keycloak allocated meanwhile.
 */
final class ThroughputRun {

    /** @param keycloakAllocated bytes Keycloak's threads allocated on its heap in the window */
    record Result(long requests, long errors, Duration window, Duration keycloakCpu, Duration keycloakKernelCpu,
                  Duration benchCpu, long keycloakAllocated) {

        double perSecond() {
            return requests / (window.toNanos() / 1e9);
        }

        double keycloakCpuMsPerRequest() {
            return requests == 0 ? 0 : keycloakCpu.toNanos() / 1e6 / requests;
        }

        double keycloakKernelCpuMsPerRequest() {
            return requests == 0 ? 0 : keycloakKernelCpu.toNanos() / 1e6 / requests;
        }

        double benchCpuMsPerRequest() {
            return requests == 0 ? 0 : benchCpu.toNanos() / 1e6 / requests;
        }

        double keycloakAllocatedPerRequest() {
            return requests == 0 ? 0 : (double) keycloakAllocated / requests;
        }
    }

    private final HttpClient http;
    private final KeycloakJvm keycloak;
    private final KeycloakHeap heap;

    ThroughputRun(HttpClient http, KeycloakJvm keycloak, KeycloakHeap heap) {
        this.http = http;
        this.keycloak = keycloak;
        this.heap = heap;
    }

    Result run(HttpRequest request, int clients, Duration warmup, Duration window) throws InterruptedException {
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long stopAt = measureFrom + window.toNanos();
        LongAdder completed = new LongAdder();
        LongAdder errors = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread client = new Thread(() -> loop(request, measureFrom, stopAt, completed, errors), "bench-client-"
                + i);
            client.setDaemon(true);
            threads.add(client);
            client.start();
        }
        sleepUntil(measureFrom);
        Duration keycloakBefore = keycloak.cpu();
        Duration kernelBefore = keycloak.kernelCpu();
        Duration benchBefore = benchCpu();
        long allocatedBefore = heap.allocated();
        sleepUntil(stopAt);
        Duration keycloakCpu = keycloak.cpu().minus(keycloakBefore);
        Duration kernelCpu = keycloak.kernelCpu().minus(kernelBefore);
        Duration benchCpu = benchCpu().minus(benchBefore);
        long allocated = heap.allocated() - allocatedBefore;
        for (Thread client : threads) {
            client.join();
        }
        return new Result(completed.sum(), errors.sum(), window, keycloakCpu, kernelCpu, benchCpu, allocated);
    }

    private void loop(HttpRequest request, long measureFrom, long stopAt, LongAdder completed, LongAdder errors) {
        while (System.nanoTime() < stopAt) {
            boolean ok = send(request);
            long now = System.nanoTime();
            if (now < measureFrom || now >= stopAt) {
                continue;
            }
            if (ok) {
                completed.increment();
            } else {
                errors.increment();
            }
        }
    }

    private boolean send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Duration benchCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }
}
