package dev.payeraccess.sandbox;

import dev.payeraccess.sandbox.oauth.RegisteredClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the payer sandbox on its own: {@code java -jar it-tests/payer-sandbox/target/payer-sandbox.jar [--port 8090]
 * [--client-id id --client-secret secret] [--redirect-uri uri ...] [--probe-latency-ms N]}. Stops on Ctrl-C.
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) throws Exception {
        SandboxSettings settings = parse(args);
        PayerSandbox sandbox = PayerSandbox.start(settings);
        probeLatency(args).ifPresent(delay -> sandbox.controls().probeLatency(delay));
        System.out.println(describe(sandbox, settings));
        sandbox.join();
    }

    static SandboxSettings parse(String[] args) {
        int port = 8090;
        String clientId = SandboxSettings.KEYCLOAK_CLIENT.clientId();
        String secret = SandboxSettings.KEYCLOAK_CLIENT.clientSecret();
        List<String> redirects = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value);
                case "--client-id" -> clientId = value;
                case "--client-secret" -> secret = value;
                case "--redirect-uri" -> redirects.add(value);
                case "--probe-latency-ms" -> Integer.parseInt(value);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                    + ". Options: --port N, --client-id ID, --client-secret SECRET, --redirect-uri URI (repeatable), "
                    + "--probe-latency-ms N");
            }
            i++;
        }
        return new SandboxSettings(Optional.empty(), port, List.of(new RegisteredClient(clientId, secret, redirects)),
            Track.TEST);
    }

    /** {@code --probe-latency-ms N}: discovery and the CapabilityStatement answer after N ms (a slow plan server). */
    static Optional<Duration> probeLatency(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--probe-latency-ms")) {
                return Optional.of(Duration.ofMillis(Integer.parseInt(args[i + 1])));
            }
        }
        return Optional.empty();
    }

    public static String describe(PayerSandbox sandbox, SandboxSettings settings) {
        PlanUrls urls = sandbox.urls();
        StringBuilder text = new StringBuilder("Payer sandbox running\n");
        for (Track track : Track.values()) {
            text.append("  authorize (").append(track.systemId()).append("): ").append(urls.authorize(track))
                .append('\n');
        }
        text.append("  token:      ").append(urls.token()).append('\n')
            .append("  revoke:     ").append(urls.revocation()).append('\n')
            .append("  connected apps (members disconnect apps here): ").append(urls.base())
            .append("/account/connected-apps\n")
            .append("  FHIR R4:    ").append(urls.fhirBase()).append('\n')
            .append("  FHIR R4 on the plan's second host (paging quirks): ").append(urls.pagingHostBase()).append('\n');
        settings.clients().forEach(c -> text.append("  client:     ").append(c.clientId())
            .append(" / ").append(c.clientSecret()).append(" (loopback redirect URIs accepted)\n"));
        text.append("  test members (first, last, birthdate, member ID, postal code):\n");
        for (TestMember m : TestMembers.all()) {
            text.append(String.format("    %-10s %-11s %s  %s  %s%n", m.firstName(), m.lastName(),
                m.birthDate().format(java.time.format.DateTimeFormatter.ofPattern("MM/dd/yyyy")), m.memberId(),
                m.postalCode()));
        }
        return text.toString();
    }
}
