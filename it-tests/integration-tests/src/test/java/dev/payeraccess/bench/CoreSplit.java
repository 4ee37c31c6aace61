package dev.payeraccess.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Optional ({@code cpus=split}): Keycloak on the first half of the cores, this JVM (the sandbox and the clients)
 * on the other half, with Linux {@code taskset}. In production the plan runs on its own machines; on one small
 * box the proxy and the plan otherwise compete for the same cores, and the throughput ratio then says more
 * about the sandbox's CPU cost than about the proxy's.
 */
final class CoreSplit {

    private CoreSplit() {
    }

    /** @return what went where, for the report */
    static String apply(KeycloakJvm keycloak) throws IOException, InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        if (cores < 2) {
            throw new IllegalStateException("cpus=split needs at least 2 cores; this machine has " + cores);
        }
        String keycloakCores = "0-" + (cores / 2 - 1);
        String benchCores = (cores / 2) + "-" + (cores - 1);
        pin(keycloak.pid(), keycloakCores);
        pin(ProcessHandle.current().pid(), benchCores);
        return "Keycloak on CPU " + keycloakCores + ", the sandbox and the clients on CPU " + benchCores;
    }

    /** Every thread of {@code pid} ({@code -a}); threads started later inherit their creator's affinity. */
    private static void pin(long pid, String cores) throws IOException, InterruptedException {
        Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cores, Long.toString(pid))
            .redirectErrorStream(true).start();
        String output = new String(taskset.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (taskset.waitFor() != 0) {
            throw new IOException("taskset -a -p -c " + cores + " " + pid + " failed: " + output);
        }
    }
}
