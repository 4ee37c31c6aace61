package dev.payeraccess.bench;

import dev.payeraccess.it.LinkedMemberRealm;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.TestMembers;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ./bench.sh}: what the FHIR proxy costs an app and Keycloak, on a stack of its own. Starts the local stack
 * (a real Keycloak with the extension, the sandbox in this JVM), links a test member through Keycloak's real
 * pages, then runs {@link ProxyCost} (the integration tests' fixture, which {@code ProxyCostIT} also runs briefly on
 * the suite's Keycloak) and prints its table against the goals. Deliberately not a test, so {@code ./mvnw verify}
 * stays fast.
 */
public final class ProxyBenchmark {

    private static final String ALIAS = "plan";

    private ProxyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.parse(args);
        System.out.println("Starting the payer sandbox and Keycloak (the first start builds Keycloak, ~30 s)...");
        // The throughput run's clients all read as one member: the proxy's per-user and per-link caps (8 and 4
        // by default) would turn most of them away with 429, so the benchmark raises them. To twice its client
        // count, not to it: a closed-loop client sends its next read as soon as it has the last byte, before Keycloak
        // has ended the previous one and freed its place, and at caps of exactly 32 (queue 8, 16 waiting per node)
        // 600 to 1,400 of some 8,000 reads in 12 s were refused. The caps' own behaviour is the suite's to test.
        String cap = String.valueOf(Math.max(8, 2 * settings.clients()));
        KeycloakStack stack = KeycloakStack.builder().name("bench")
            .keycloakOption("--spi-payer-access-proxy-limits--node-local--max-requests-per-user=" + cap)
            .keycloakOption("--spi-payer-access-proxy-limits--node-local--max-requests-per-link=" + cap)
            .start();
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                try {
                    stack.close();
                } catch (Exception e) {
                    System.err.println("Stopping Keycloak and the sandbox failed: " + e.getMessage());
                }
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(close, "bench-shutdown"));
        try {
            System.out.println(stack.keycloak() + " is up after " + stack.keycloak().startupTime().toSeconds() + " s");
            System.out.println("Linking " + TestMembers.SHERIE.patientId()
                + " through Keycloak's login and idp_link pages...");
            LinkedMemberRealm realm = LinkedMemberRealm.create(stack, "bench", ALIAS, TestMembers.SHERIE);
            try (ProxyCost cost = ProxyCost.on(stack, settings)) {
                cost.measure(realm, ALIAS, TestMembers.SHERIE);
            }
            if (settings.jfr().isPresent()) {
                System.out.println();
                System.out.println("Profile (the shares of a part include what it calls, so they overlap; stacks "
                    + "deeper than JFR's 64 frames lose their outer frames: JAVA_OPTS_APPEND="
                    + "-XX:FlightRecorderOptions:stackdepth=256 keeps them):");
                for (String recording : new String[] {ProxyCost.READS_RECORDING, ProxyCost.BUNDLE_RECORDING}) {
                    System.out.println(ProfileSummary.summarize(settings.jfr().get().resolve(recording)));
                }
            }
        } finally {
            close.run();
        }
        System.exit(0);
    }
}
