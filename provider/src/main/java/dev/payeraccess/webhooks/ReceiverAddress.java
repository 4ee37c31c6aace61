package dev.payeraccess.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.keycloak.models.KeycloakSession;

/**
 * A receiver's URL: an absolute {@code https} (or {@code http}) URL with a host and no user info or fragment, checked
 * when a subscription is saved, and the outbound-target check made each time a delivery connects (DNS can change
 * between the two).
 */
final class ReceiverAddress {

    private ReceiverAddress() {
    }

    /**
     * The URL as saved.
     *
     * @throws IllegalArgumentException with a message saying what to fix
     */
    static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'url' is not a URL: " + e.getReason() + ".");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new IllegalArgumentException("'url' must be an absolute https URL with a host, e.g. "
                + "https://apps.example.org/webhooks/payer-access.");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'url' must have no user info and no fragment: put credentials in the "
                + "receiver's configuration, not in the URL.");
        }
        return uri;
    }

    /**
     * The outbound-target policy a plan's addresses pass (issue 21: no loopback or private addresses unless the
     * node allows them), applied to the receiver each time a delivery connects. Until that policy lands in
     * {@code plan}, this is where it is to be called; it refuses nothing yet.
     *
     * @throws IllegalStateException when the receiver's address is refused (the delivery then counts as failed)
     */
    static void checkBeforeConnecting(KeycloakSession session, URI receiver) {
        // TODO(issue 21): call the plan's outbound-target policy here, e.g. OutboundTargets.check(session, receiver).
    }
}
