package dev.payeraccess.lifecycle;

import java.util.Arrays;
import java.util.Optional;
import org.keycloak.events.EventType;

/**
 * The kinds of lifecycle change, each with its name on the wire (the webhook's {@code type} and the events view's
 * {@code kind}) and the Keycloak event type it is recorded as. Keycloak's event types are a fixed enum; each kind
 * takes the closest, and every lifecycle event carries the details {@code payer_access=lifecycle} and
 * {@code lifecycle=<type>} that tell it from Keycloak's own events of the same type.
 */
public enum LifecycleKind {
    /** A member linked a plan (or linked it again after unlinking). */
    LINKED("link.linked", EventType.FEDERATED_IDENTITY_LINK),
    /** The member's plan tokens were renewed (on demand or in the background). */
    RENEWED("link.renewed", EventType.REFRESH_TOKEN),
    /** Nothing usable is stored any more: the member must link the plan again ({@code reason} says why). */
    RELINK_REQUIRED("link.relink_required", EventType.REFRESH_TOKEN),
    /** The plan refused the member's refresh token before the grant's known end: it revoked the grant. */
    REVOKED("link.revoked", EventType.REFRESH_TOKEN),
    /** The member's grant ends soon ({@code expiresAt}); a relink before then keeps the link. */
    GRANT_ENDING("link.grant_ending", EventType.REFRESH_TOKEN),
    /** The link was removed, by whichever path (the member, an administrator, user deletion). */
    UNLINKED("link.unlinked", EventType.REMOVE_FEDERATED_IDENTITY),
    /** A plan's health changed (up, degraded, down). */
    PLAN_HEALTH("plan.health_changed", EventType.IDENTITY_PROVIDER_RESPONSE);

    private final String type;
    private final EventType eventType;

    LifecycleKind(String type, EventType eventType) {
        this.type = type;
        this.eventType = eventType;
    }

    /** The name on the wire, e.g. {@code link.renewed}. */
    public String type() {
        return type;
    }

    /**
     * The Keycloak event type of a success; a change with an {@link LifecycleChange#error()} is recorded as its
     * {@code _ERROR} twin (e.g. {@code REFRESH_TOKEN_ERROR} for {@code link.revoked}).
     */
    EventType eventType() {
        return eventType;
    }

    /** The event types this kind may be recorded as: the success type and its {@code _ERROR} twin. */
    EventType[] eventTypes() {
        return new EventType[] {eventType, EventType.valueOf(eventType.name() + "_ERROR")};
    }

    /** The kind named {@code type} on the wire. */
    public static Optional<LifecycleKind> ofType(String type) {
        return Arrays.stream(values()).filter(kind -> kind.type.equals(type)).findFirst();
    }
}
