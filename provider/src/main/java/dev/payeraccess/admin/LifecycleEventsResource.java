package dev.payeraccess.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.api.AdminRefusal;
import dev.payeraccess.lifecycle.LifecycleChange;
import dev.payeraccess.lifecycle.LifecycleEventQuery;
import dev.payeraccess.lifecycle.LifecycleKind;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.keycloak.events.Event;

/**
 * {@code /admin/realms/{realm}/payer-access/lifecycle-events}: the realm's saved lifecycle events (links made,
 * renewed, needing a relink, revoked, ending, removed; plans' health), filtered by kind and plan, which Keycloak's
 * own events API cannot do. Shows what the realm saved: the realm must save events of the lifecycle's types.
 */
public final class LifecycleEventsResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RESULTS = 500;

    private final AdminRequest request;

    LifecycleEventsResource(AdminRequest request) {
        this.request = request;
    }

    /**
     * The lifecycle events, newest first. Needs {@code view-events}.
     *
     * @param kind e.g. {@code link.revoked}; all kinds when absent
     * @param plan a plan's alias
     * @param user a member's user id
     * @param from an ISO-8601 instant, e.g. {@code 2026-12-01T00:00:00Z}
     * @return 200 {@code [{"time", "kind", "plan", "userId", "eventType", "error", "details": {...}}]}; 400 for an
     *     unknown kind or a time that does not parse
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response events(@QueryParam("kind") String kind, @QueryParam("plan") String plan,
                           @QueryParam("user") String user, @QueryParam("from") String from,
                           @QueryParam("first") @DefaultValue("0") int first,
                           @QueryParam("max") @DefaultValue("100") int max) {
        request.auth().realm().requireViewEvents();
        Optional<LifecycleKind> chosen = Optional.ofNullable(kind).filter(k -> !k.isBlank())
            .flatMap(LifecycleKind::ofType);
        if (kind != null && !kind.isBlank() && chosen.isEmpty()) {
            return AdminRefusal.badRequest("Unknown lifecycle kind '" + kind + "'; use one of "
                + Arrays.stream(LifecycleKind.values()).map(LifecycleKind::type).collect(Collectors.joining(", "))
                + ".").response();
        }
        Optional<Long> since;
        try {
            since = Optional.ofNullable(from).filter(f -> !f.isBlank()).map(f -> Instant.parse(f).toEpochMilli());
        } catch (DateTimeParseException e) {
            return AdminRefusal.badRequest("'from' must be an ISO-8601 instant such as 2026-12-01T00:00:00Z.")
                .response();
        }
        ArrayNode body = JSON.createArrayNode();
        new LifecycleEventQuery(request.session(), request.realm()).find(chosen, Optional.ofNullable(plan),
            Optional.ofNullable(user), since, first, Math.min(Math.max(max, 0), MAX_RESULTS))
            .forEach(event -> body.add(describe(event)));
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store")
            .build();
    }

    private static ObjectNode describe(Event event) {
        ObjectNode node = JSON.createObjectNode().put("time", Instant.ofEpochMilli(event.getTime()).toString())
            .put("kind", event.getDetails().get(LifecycleChange.KIND))
            .put("plan", event.getDetails().get(LifecycleChange.PLAN))
            .put("userId", event.getUserId()).put("eventType", event.getType().name())
            .put("error", event.getError());
        ObjectNode details = node.putObject("details");
        event.getDetails().forEach(details::put);
        return node;
    }
}
