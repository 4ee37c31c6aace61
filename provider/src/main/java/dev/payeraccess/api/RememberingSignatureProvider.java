package dev.payeraccess.api;

import org.keycloak.common.VerificationException;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.crypto.SignatureException;
import org.keycloak.crypto.SignatureProvider;
import org.keycloak.crypto.SignatureSignerContext;
import org.keycloak.crypto.SignatureVerifierContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Keycloak's own {@code RS256} provider, unchanged, except where the extension's API checks an app's bearer token
 * ({@link BearerCaller}): there, a signature this node verified lately with the same realm key is not computed again
 * ({@link VerifiedSignatures}). The key is looked up by Keycloak as always, so a key disabled or removed since
 * fails at once; signing and every other verification in Keycloak go straight to Keycloak's provider.
 */
final class RememberingSignatureProvider implements SignatureProvider {

    private final SignatureProvider keycloak;
    private final KeycloakSession session;
    private final VerifiedSignatures verified;

    RememberingSignatureProvider(SignatureProvider keycloak, KeycloakSession session, VerifiedSignatures verified) {
        this.keycloak = keycloak;
        this.session = session;
        this.verified = verified;
    }

    @Override
    public SignatureSignerContext signer() throws SignatureException {
        return keycloak.signer();
    }

    @Override
    public SignatureSignerContext signer(KeyWrapper key) throws SignatureException {
        return keycloak.signer(key);
    }

    @Override
    public SignatureVerifierContext verifier(String kid) throws VerificationException {
        SignatureVerifierContext verifier = keycloak.verifier(kid); // Keycloak finds the realm's enabled key, or fails
        RealmModel realm = session.getContext().getRealm();
        if (realm == null || session.getAttribute(BearerCaller.REMEMBER_SIGNATURES) == null) {
            return verifier;
        }
        return new Remembering(verifier, realm.getId(), verified);
    }

    @Override
    public SignatureVerifierContext verifier(KeyWrapper key) throws VerificationException {
        return keycloak.verifier(key);
    }

    @Override
    public boolean isAsymmetricAlgorithm() {
        return keycloak.isAsymmetricAlgorithm();
    }

    @Override
    public void close() {
        keycloak.close();
    }

    /** One verification: remembered if it verified, asked of Keycloak's verifier unless remembered. */
    record Remembering(SignatureVerifierContext keycloak, String realmId, VerifiedSignatures verified)
        implements SignatureVerifierContext {

        @Override
        public String getKid() {
            return keycloak.getKid();
        }

        @Override
        public String getAlgorithm() {
            return keycloak.getAlgorithm();
        }

        @Override
        public boolean verify(byte[] data, byte[] signature) throws VerificationException {
            String kid = keycloak.getKid();
            String algorithm = keycloak.getAlgorithm();
            if (verified.verified(realmId, kid, algorithm, data, signature)) {
                return true;
            }
            boolean valid = keycloak.verify(data, signature);
            if (valid) {
                verified.remember(realmId, kid, algorithm, data, signature);
            }
            return valid;
        }
    }
}
