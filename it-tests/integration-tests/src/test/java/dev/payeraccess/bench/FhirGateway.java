package dev.payeraccess.bench;

import dev.payeraccess.cluster.LocalPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * google/fhir-gateway, run from a JAR built from its public sources, in front of the same sandbox as the proxy: it
 * checks the same Keycloak token itself (its signature against the realm's public key, the {@code patient_id} claim
 * and the SMART scopes, with its {@code patient} access checker) and calls the sandbox with no credentials of its own,
 * which the sandbox then takes as the member's ({@code SandboxControls.admitAnonymousAs}).
 */
final class FhirGateway implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(2);

    private final Process process;
    private final String base;
    private final Path log;

    private FhirGateway(Process process, String base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /**
     * Starts the gateway on a free port and waits until it answers {@code probe} (a read with the app's token).
     *
     * @param proxyTo     the FHIR base it forwards to
     * @param tokenIssuer the Keycloak realm whose tokens it accepts ({@code {keycloak}/realms/{realm}})
     */
    static FhirGateway start(Path jar, String proxyTo, String tokenIssuer, String probePath, String bearer)
        throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("fhirGatewayJar=" + jar + " is not a file");
        }
        int port = LocalPorts.free();
        Path log = Files.createTempFile("fhir-gateway-", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
            "--server.port=" + port))
            .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("PROXY_TO", proxyTo);
        env.put("TOKEN_ISSUER", tokenIssuer);
        env.put("ACCESS_CHECKER", "patient");
        env.put("BACKEND_TYPE", "HAPI");
        env.put("RUN_MODE", "PROD");
        FhirGateway gateway = new FhirGateway(builder.start(), "http://localhost:" + port + "/fhir", log);
        try {
            gateway.awaitAnswer(probePath, bearer);
        } catch (IOException | InterruptedException | RuntimeException e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    String base() {
        return base;
    }

    /** The gateway JVM's CPU time so far. */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private void awaitAnswer(String probePath, String bearer) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(base + "/" + probePath))
            .header("Authorization", "Bearer " + bearer).timeout(Duration.ofSeconds(30)).GET().build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("fhir-gateway ended at startup; its log: " + log);
            }
            try {
                HttpResponse<String> answer = http.send(probe, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    System.out.println("fhir-gateway at " + base + " (log " + log + ") answers the read");
                    return;
                }
                throw new IllegalStateException("fhir-gateway answered the read with HTTP " + answer.statusCode()
                    + "; its log: " + log);
            } catch (IOException notYet) {
                Thread.sleep(500); // not listening yet, or closing connections while it starts
            }
        }
        throw new IllegalStateException("fhir-gateway did not answer within " + STARTUP + "; its log: " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
