package dev.payeraccess.onboarding;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One line of a credentials sheet: what the administrator gives one plan to enable it, as the plan's form would
 * take it. Pure. Its {@code toString} never shows the secret.
 *
 * @param alias the plan's alias in the realm
 * @param clientId the client id the plan registered for this Keycloak
 * @param clientSecret the secret, or a vault reference {@code ${vault.key}}; none for {@code private_key_jwt} or to
 *     keep the one saved
 * @param clientAuthMethod {@code client_secret_post}, {@code client_secret_basic} or {@code private_key_jwt} (the
 *     realm's key signs); none keeps the plan's
 * @param clientAssertionSigningAlg the algorithm of the realm key that signs for {@code private_key_jwt}
 * @param confirmEndpoints the endpoints discovery filled in, as the administrator read them in an earlier answer and
 *     confirms them; empty confirms nothing
 */
public record PlanCredentials(String alias, Optional<String> clientId, Optional<String> clientSecret,
                              Optional<String> clientAuthMethod, Optional<String> clientAssertionSigningAlg,
                              Map<String, String> confirmEndpoints) {

    public PlanCredentials {
        Objects.requireNonNull(alias, "alias");
        confirmEndpoints = Map.copyOf(confirmEndpoints);
    }

    /** Whether the line gives the plan anything to sign in to it with, rather than only confirming endpoints. */
    public boolean givesCredentials() {
        return clientId.isPresent() || clientSecret.isPresent() || clientAuthMethod.isPresent()
            || clientAssertionSigningAlg.isPresent();
    }

    @Override
    public String toString() {
        return "PlanCredentials[alias=" + alias + ", clientId=" + clientId.orElse("") + ", clientSecret="
            + clientSecret.map(secret -> "(given)").orElse("") + ", clientAuthMethod=" + clientAuthMethod.orElse("")
            + ", confirmEndpoints=" + new TreeMap<>(confirmEndpoints) + "]";
    }
}
