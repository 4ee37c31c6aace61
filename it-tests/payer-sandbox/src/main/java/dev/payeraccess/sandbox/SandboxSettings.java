package dev.payeraccess.sandbox;

import dev.payeraccess.sandbox.oauth.RegisteredClient;
import java.util.List;
import java.util.Optional;

/**
 * How a sandbox is started.
 *
 * @param bindHost interface to listen on; empty listens on all (so both {@code localhost} spellings work)
 * @param port TCP port, 0 for any free one
 * @param clients the apps registered with the plan
 * @param discoveredTrack the track whose authorization endpoint the SMART discovery document names
 */
public record SandboxSettings(Optional<String> bindHost, int port, List<RegisteredClient> clients,
                              Track discoveredTrack) {

    /** The client the demo realm and the tests register Keycloak as. */
    public static final RegisteredClient KEYCLOAK_CLIENT =
        new RegisteredClient("keycloak-payer-access", "sandbox-client-secret", List.of());

    public SandboxSettings {
        clients = List.copyOf(clients);
    }

    public static SandboxSettings onPort(int port) {
        return new SandboxSettings(Optional.empty(), port, List.of(KEYCLOAK_CLIENT), Track.TEST);
    }
}
