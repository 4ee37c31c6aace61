package dev.payeraccess.webhooks;

import dev.payeraccess.plan.OutboundTargets;
import dev.payeraccess.plan.PlanConnections;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;

/**
 * A receiver's URL: an absolute {@code https} URL with a host and no user info or fragment that passes the
 * outbound-target policy of plans, checked when a subscription is saved and again each time a delivery connects (DNS
 * can change between the two).
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
     * The outbound-target policy a plan's addresses pass ({@link OutboundTargets}: https to public addresses only,
     * unless the node's development switch allows private and loopback ones), asked each time a delivery connects:
     * what a name resolves to can change after the subscription was saved.
     *
     * @throws IllegalStateException when the receiver's address is refused (the delivery then counts as failed)
     */
    static void checkBeforeConnecting(KeycloakSession session, URI receiver) {
        refusal(session, receiver).ifPresent(refused -> {
            throw new IllegalStateException(refused.toApp());
        });
    }

    /** Why the policy refuses the receiver, if it does: checked on save too, so an administrator hears it first. */
    static Optional<OutboundTargets.Refusal> refusal(KeycloakSession session, URI receiver) {
        return session.getProvider(PlanConnections.class).targets().refusal(receiver.toString());
    }
}
