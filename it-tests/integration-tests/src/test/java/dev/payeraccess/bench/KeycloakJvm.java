package dev.payeraccess.bench;

import dev.payeraccess.keycloak.KeycloakServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The JVM process of the running Keycloak: its CPU time, and {@code jcmd} for a JFR recording. The launcher
 * starts {@code kc.sh}, a shell script that runs Java as its child, so the JVM is found among the launched
 * process's descendants.
 */
final class KeycloakJvm {

    /** Linux's USER_HZ, the unit of {@code /proc/[pid]/stat}'s times, is 100 on every architecture Keycloak runs on. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final ProcessHandle jvm;

    private KeycloakJvm(ProcessHandle jvm) {
        this.jvm = jvm;
    }

    static KeycloakJvm of(KeycloakServer server) {
        ProcessHandle launched = ProcessHandle.of(server.pid())
            .orElseThrow(() -> new IllegalStateException("Keycloak (pid " + server.pid() + ") is not running"));
        ProcessHandle jvm = java.util.stream.Stream.concat(java.util.stream.Stream.of(launched), launched.descendants())
            .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("No Java process under Keycloak's pid " + server.pid()));
        return new KeycloakJvm(jvm);
    }

    long pid() {
        return jvm.pid();
    }

    /** User plus system CPU time the JVM has used since it started. */
    Duration cpu() {
        return jvm.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /**
     * The part of {@link #cpu()} spent in the kernel on the JVM's behalf (sockets, scheduling), from Linux's
     * {@code /proc/[pid]/stat}; zero where that cannot be read.
     */
    Duration kernelCpu() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(jvm.pid()), "stat"));
            // After the command in parentheses (which may hold spaces): state is field 3, stime field 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Duration.ofMillis(Long.parseLong(fields[15 - 3]) * 1000 / CLOCK_TICKS_PER_SECOND);
        } catch (IOException | RuntimeException notLinux) {
            return Duration.ZERO;
        }
    }

    /** Starts a JFR recording with the {@code profile} settings (method sampling every 10 ms, allocation samples). */
    void startJfr(String name) throws IOException, InterruptedException {
        jcmd("JFR.start", "name=" + name, "settings=profile");
    }

    /** Stops recording {@code name} and writes it to {@code file}. */
    void stopJfr(String name, Path file) throws IOException, InterruptedException {
        jcmd("JFR.stop", "name=" + name, "filename=" + file.toAbsolutePath());
    }

    private void jcmd(String... command) throws IOException, InterruptedException {
        String[] line = new String[command.length + 2];
        line[0] = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        line[1] = Long.toString(jvm.pid());
        System.arraycopy(command, 0, line, 2, command.length);
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", line) + " failed: " + output);
        }
    }
}
