package dev.payeraccess.api;

import java.time.Duration;
import org.keycloak.crypto.RS256SignatureProviderFactory;
import org.keycloak.crypto.SignatureProvider;
import org.keycloak.models.KeycloakSession;

/**
 * Takes the place of Keycloak's {@code RS256} signature provider (the same id, a higher order), to hand out
 * Keycloak's own provider wrapped in a {@link RememberingSignatureProvider}. Its memory is this node's, held here:
 * a verified signature is remembered for {@link #LIFETIME} at most, and at most {@link #MAX_ENTRIES} of them.
 */
public final class RememberingRs256Factory extends RS256SignatureProviderFactory {

    static final int MAX_ENTRIES = 50_000;
    /** A bearer token lives minutes (Keycloak's default is 5): most are verified once per node for their life. */
    static final Duration LIFETIME = Duration.ofMinutes(5);

    private final VerifiedSignatures verified = new VerifiedSignatures(MAX_ENTRIES, LIFETIME, System::nanoTime);

    @Override
    public SignatureProvider create(KeycloakSession session) {
        return new RememberingSignatureProvider(super.create(session), session, verified);
    }

    /** Above Keycloak's own factory of the same id (order 0), which this one replaces. */
    @Override
    public int order() {
        return 1;
    }
}
