package dev.payeraccess.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.api.AdminRefusal;
import dev.payeraccess.webhooks.OutboxMessage;
import dev.payeraccess.webhooks.Subscription;
import dev.payeraccess.webhooks.WebhookSubscriptions;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

/**
 * {@code /admin/realms/{realm}/payer-access/webhooks}: receivers subscribed to the realm's lifecycle events as
 * signed webhooks (Standard Webhooks v1). Reading needs {@code view-realm}; every change needs {@code manage-realm}
 * and is recorded as an admin event (never with a secret).
 */
public final class WebhooksResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LOG = 200;

    private final AdminRequest request;

    WebhooksResource(AdminRequest request) {
        this.request = request;
    }

    /**
     * Subscribes a receiver. Body: {@code {"url": "https://…", "types": ["link.revoked", …]}}.
     *
     * @return 201 the subscription with its {@code secret} ({@code whsec_…}), shown this once only; 400 saying what
     *     to fix
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        request.auth().realm().requireManageRealm();
        // A receiver learns which member linked which plan: what only those who may read the events may see.
        request.auth().realm().requireViewEvents();
        try {
            JsonNode json = JSON.readTree(body == null ? "" : body);
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("Send a JSON object {\"url\": …, \"types\": […]}.");
            }
            List<String> types = new ArrayList<>();
            json.path("types").forEach(type -> types.add(type.asText()));
            WebhookSubscriptions.WithSecret created = subscriptions().create(json.path("url").asText(null), types);
            record(OperationType.CREATE, created.subscription());
            return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(describe(created.subscription()).put("secret", created.secret()).toString())
                .header("Cache-Control", "no-store").build();
        } catch (IOException e) {
            return AdminRefusal.badRequest("The body is not JSON; send {\"url\": …, \"types\": […]}.").response();
        } catch (IllegalArgumentException e) {
            return AdminRefusal.badRequest(e.getMessage()).response();
        }
    }

    /** The realm's subscriptions (never a secret), and the event types they may choose. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        request.auth().realm().requireViewRealm();
        ArrayNode subscriptions = JSON.createArrayNode();
        subscriptions().list().forEach(s -> subscriptions.add(describe(s)));
        ObjectNode body = JSON.createObjectNode();
        body.set("subscriptions", subscriptions);
        ArrayNode types = body.putArray("types");
        WebhookSubscriptions.knownTypes().forEach(types::add);
        return ok(body);
    }

    /** One subscription; 404 when the realm has none with this id. */
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") String id) {
        request.auth().realm().requireViewRealm();
        return subscriptions().find(id).map(s -> ok(describe(s))).orElseGet(() -> noSuch(id));
    }

    /** Removes the subscription and its undelivered messages: 204; 404 when there is none. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        request.auth().realm().requireManageRealm();
        Optional<Subscription> subscription = subscriptions().find(id);
        if (subscription.isEmpty() || !subscriptions().remove(id)) {
            return noSuch(id);
        }
        record(OperationType.DELETE, subscription.get());
        return Response.noContent().build();
    }

    /**
     * A new secret, shown this once; the old one keeps signing (two signatures per delivery) for
     * {@code previousSecretHours} (default 24, 0 ends it now, at most 168).
     */
    @POST
    @Path("{id}/secret")
    @Produces(MediaType.APPLICATION_JSON)
    public Response rotate(@PathParam("id") String id, @QueryParam("previousSecretHours") @DefaultValue("24")
        int hours) {
        request.auth().realm().requireManageRealm();
        try {
            return subscriptions().rotate(id, Duration.ofHours(hours)).map(rotated -> {
                record(OperationType.UPDATE, rotated.subscription());
                return ok(describe(rotated.subscription()).put("secret", rotated.secret()));
            }).orElseGet(() -> noSuch(id));
        } catch (IllegalArgumentException e) {
            return AdminRefusal.badRequest(e.getMessage()).response();
        }
    }

    /** Enables a disabled subscription again; its pending messages go out at the next round. */
    @POST
    @Path("{id}/enable")
    @Produces(MediaType.APPLICATION_JSON)
    public Response enable(@PathParam("id") String id) {
        request.auth().realm().requireManageRealm();
        // A receiver learns which member linked which plan: what only those who may read the events may see.
        request.auth().realm().requireViewEvents();
        return subscriptions().enable(id).map(enabled -> {
            record(OperationType.UPDATE, enabled);
            return ok(describe(enabled));
        }).orElseGet(() -> noSuch(id));
    }

    /** The delivery log, newest first: each message's type, status, attempts, last answer and times. */
    @GET
    @Path("{id}/deliveries")
    @Produces(MediaType.APPLICATION_JSON)
    public Response deliveries(@PathParam("id") String id, @QueryParam("first") @DefaultValue("0") int first,
                               @QueryParam("max") @DefaultValue("50") int max) {
        request.auth().realm().requireViewEvents(); // the log holds the messages: members' ids and their plans
        return subscriptions().log(id, first, Math.min(Math.max(max, 0), MAX_LOG)).map(messages -> {
            ArrayNode body = JSON.createArrayNode();
            messages.forEach(message -> body.add(describe(message)));
            return ok(body);
        }).orElseGet(() -> noSuch(id));
    }

    /** Queues a {@code webhook.test} ping: 202 with the message (see the delivery log for its outcome). */
    @POST
    @Path("{id}/test")
    @Produces(MediaType.APPLICATION_JSON)
    public Response test(@PathParam("id") String id) {
        request.auth().realm().requireManageRealm();
        return subscriptions().ping(id).map(message -> accepted(describe(message))).orElseGet(() -> noSuch(id));
    }

    /** Sends a logged message again (same id and body, attempts from zero): 202; 404 when there is none. */
    @POST
    @Path("{id}/deliveries/{messageId}/replay")
    @Produces(MediaType.APPLICATION_JSON)
    public Response replay(@PathParam("id") String id, @PathParam("messageId") String messageId) {
        request.auth().realm().requireManageRealm();
        // A receiver learns which member linked which plan: what only those who may read the events may see.
        request.auth().realm().requireViewEvents();
        return subscriptions().replay(id, messageId).map(message -> accepted(describe(message)))
            .orElseGet(() -> AdminRefusal.notFound("Webhook subscription '" + id + "' has no message '" + messageId
                + "' in its delivery log.").response());
    }

    private WebhookSubscriptions subscriptions() {
        return new WebhookSubscriptions(request.session(), request.realm());
    }

    private void record(OperationType operation, Subscription subscription) {
        request.adminEvent().operation(operation).resource(ResourceType.CUSTOM)
            .resourcePath("payer-access", "webhooks", subscription.id())
            .representation(describe(subscription).toString()).success();
    }

    private static ObjectNode describe(Subscription subscription) {
        ObjectNode node = JSON.createObjectNode().put("id", subscription.id()).put("url", subscription.url());
        ArrayNode types = node.putArray("types");
        subscription.types().stream().sorted().forEach(types::add);
        node.put("enabled", subscription.enabled());
        subscription.disabledReason().ifPresent(reason -> node.put("disabledReason", reason));
        node.put("createdAt", subscription.createdAt().toString());
        subscription.previousSecretUntil().ifPresent(until -> node.put("previousSecretUntil", until.toString()));
        return node;
    }

    private static ObjectNode describe(OutboxMessage message) {
        ObjectNode node = JSON.createObjectNode().put("id", message.id()).put("type", message.type())
            .put("status", message.status().name().toLowerCase(Locale.ROOT))
            .put("attempts", message.attempts()).put("createdAt", message.createdAt().toString());
        if (message.status() == OutboxMessage.Status.PENDING) {
            node.put("nextAttemptAt", message.nextAttemptAt().toString());
        }
        message.lastAttemptAt().ifPresent(at -> node.put("lastAttemptAt", at.toString()));
        message.lastStatus().ifPresent(status -> node.put("lastStatus", status));
        message.lastError().ifPresent(error -> node.put("lastError", error));
        message.deliveredAt().ifPresent(at -> node.put("deliveredAt", at.toString()));
        try {
            node.set("body", JSON.readTree(message.body()));
        } catch (IOException e) {
            node.put("body", message.body());
        }
        return node;
    }

    private static Response ok(JsonNode body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store")
            .build();
    }

    private static Response accepted(JsonNode body) {
        return Response.accepted(body.toString()).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private Response noSuch(String id) {
        return AdminRefusal.notFound("Realm '" + request.realm().getName() + "' has no webhook subscription '" + id
            + "'.").response();
    }
}
