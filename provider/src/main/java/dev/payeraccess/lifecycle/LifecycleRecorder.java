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
        Optional<ClientConnection> connection = requestConnection();
        EventBuilder event = connection.isEmpty() ? new EventBuilder(realm, session)
            : new EventBuilder(realm, session, connection.get());
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
     * The connection of the request the change happens in; empty in a background task (a renewal's single flight, a
     * scheduled round). Keycloak 26.7 answers null there, while 26.4 and 26.5 hand out a proxy of the request's
     * connection that throws ({@code ContextNotActiveException}) once it is used.
     */
    private Optional<ClientConnection> requestConnection() {
        try {
            ClientConnection connection = session.getContext().getConnection();
            return connection == null || connection.getRemoteAddr() == null ? Optional.empty()
                : Optional.of(connection);
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
