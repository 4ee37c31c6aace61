package dev.payeraccess.sandbox.oauth;

import java.util.List;
import java.util.Optional;

/** The apps registered with the plan. */
public record RegisteredClients(List<RegisteredClient> all) {

    public RegisteredClients {
        all = List.copyOf(all);
    }

    public Optional<RegisteredClient> byId(String clientId) {
        return all.stream().filter(c -> c.clientId().equals(clientId)).findFirst();
    }
}
