package dev.payeraccess.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.lifecycle.LifecycleChange;
import java.time.Instant;

/**
 * The JSON body of a delivery, as Standard Webhooks lays it out: {@code {"type", "timestamp", "data"}}. The data
 * holds ids, aliases, states and times only: the realm, the plan's alias, the member's user id, the state before and
 * after, the reason and the next time that matters. Never a token, never the member's health data, never a plan's
 * answer.
 */
final class WebhookPayload {

    /** The type of the test ping. */
    static final String PING = "webhook.test";

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookPayload() {
    }

    static String of(String realmName, LifecycleChange change) {
        ObjectNode data = JSON.createObjectNode().put("realm", realmName).put("plan", change.plan());
        change.userId().ifPresent(user -> data.put("userId", user));
        data.put("state", change.state());
        change.previousState().ifPresent(before -> data.put("previousState", before));
        change.reason().ifPresent(reason -> data.put("reason", reason));
        data.put("at", change.at().toString());
        change.expiresAt().ifPresent(time -> data.put("expiresAt", time.toString()));
        return body(change.kind().type(), change.at(), data);
    }

    /** The test ping an administrator sends to check a receiver. */
    static String ping(String realmName, String subscriptionId, Instant now) {
        return body(PING, now, JSON.createObjectNode().put("realm", realmName).put("subscriptionId", subscriptionId));
    }

    private static String body(String type, Instant timestamp, ObjectNode data) {
        ObjectNode body = JSON.createObjectNode().put("type", type).put("timestamp", timestamp.toString());
        body.set("data", data);
        return body.toString();
    }
}
