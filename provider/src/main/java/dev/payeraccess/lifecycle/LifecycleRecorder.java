package dev.payeraccess.lifecycle;

import java.util.Map;
import java.util.Optional;
import org.keycloak.common.ClientConnection;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Records a lifecycle change where it happens: as a Keycloak event of the realm (saved when the realm saves events
 * of its type, and sent to the realm's event listeners either way) and to every {@link LifecycleSink}, both in the
 * session's transaction. Works in requests and in background tasks alike (no client connection needed).
 */
public final class LifecycleRecorder {

    private final KeycloakSession session;
    private final RealmModel realm;

    public LifecycleRecorder(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public void record(LifecycleChange change) {
        record(change, Map.of());
    }

    /**
     * @param eventOnly details for the Keycloak event alone, never for the sinks: what only administrators may read
     *     (e.g. what a plan's health probe found)
     */
    public void record(LifecycleChange change, Map<String, String> eventOnly) {
        EventBuilder event = connection().map(connection -> new EventBuilder(realm, session, connection))
            .orElseGet(() -> new EventBuilder(realm, session));
        event.event(change.kind().eventType());
        change.userId().ifPresent(event::user);
        change.details().forEach(event::detail);
        eventOnly.forEach(event::detail);
        if (change.error().isPresent()) {
            // Keycloak's events of the error types end in _ERROR; EventBuilder.error() appends it.
            event.error(change.error().get());
        } else {
            event.success();
        }
        toSinks(change);
    }

    /**
     * The request's client connection; empty in a background task or a cluster-lock thread. Keycloak 26.5 and later
     * answer null there; 26.4 throws (ContextNotActiveException: no request context), which failed the change.
     */
    private Optional<ClientConnection> connection() {
        try {
            return Optional.ofNullable(session.getContext().getConnection());
        } catch (RuntimeException noRequest) {
            return Optional.empty();
        }
    }

    /**
     * Hands the change to the sinks only, for a change whose Keycloak event its own endpoint records with more
     * details (the links API's unlink, with the revocation's outcome), so it is not recorded twice.
     */
    public void toSinks(LifecycleChange change) {
        session.getAllProviders(LifecycleSink.class).forEach(sink -> sink.accept(realm, change));
    }
}
