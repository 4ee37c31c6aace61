package dev.payeraccess.lifecycle;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.keycloak.events.Event;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The realm's saved lifecycle events, newest first, filtered by kind and plan. Keycloak's events API filters by
 * type, client, user and date only; the kind and the plan are details, so this query asks the event store for the
 * lifecycle kinds' event types and keeps the events whose details match, reading at most {@link #SCAN_LIMIT} events.
 */
public final class LifecycleEventQuery {

    /** The most events read per query: an upper bound on the work one admin request can cause. */
    static final int SCAN_LIMIT = 10_000;

    private final KeycloakSession session;
    private final RealmModel realm;

    public LifecycleEventQuery(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * @param kind only this kind (all lifecycle kinds when empty)
     * @param plan only events of the plan with this alias
     * @param userId only events of this member
     * @param from only events at or after this time (epoch milliseconds)
     */
    public List<Event> find(Optional<LifecycleKind> kind, Optional<String> plan, Optional<String> userId,
                            Optional<Long> from, int first, int max) {
        EventType[] types = kind.map(LifecycleKind::eventTypes).orElseGet(() -> Arrays.stream(LifecycleKind.values())
            .flatMap(k -> Arrays.stream(k.eventTypes())).distinct().toArray(EventType[]::new));
        var query = session.getProvider(EventStoreProvider.class).createQuery().realm(realm.getId()).type(types)
            .orderByDescTime().maxResults(SCAN_LIMIT);
        userId.ifPresent(query::user);
        from.ifPresent(query::fromDate);
        Stream<Event> events = query.getResultStream().filter(event -> matches(event.getDetails(), kind, plan));
        return events.skip(Math.max(first, 0)).limit(Math.max(max, 0)).toList();
    }

    /** Whether an event's details mark it as a lifecycle event of {@code kind} (any when empty) and {@code plan}. */
    static boolean matches(Map<String, String> details, Optional<LifecycleKind> kind, Optional<String> plan) {
        return details != null && LifecycleChange.MARK_VALUE.equals(details.get(LifecycleChange.MARK))
            && kind.map(k -> k.type().equals(details.get(LifecycleChange.KIND))).orElse(true)
            && plan.map(p -> p.equals(details.get(LifecycleChange.PLAN))).orElse(true);
    }
}
