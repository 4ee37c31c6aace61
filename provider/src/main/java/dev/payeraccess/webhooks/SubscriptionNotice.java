package dev.payeraccess.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Tells the administrator that a subscription was disabled: a warning in the log and, when the realm saves admin
 * events, an admin event ({@code UPDATE} of {@code CUSTOM} resource {@code payer-access/webhooks/{id}} with error
 * {@code webhook_disabled}) the admin console's "Admin events" shows. The subscription's own state says it too.
 */
final class SubscriptionNotice {

    private static final Logger LOG = Logger.getLogger(SubscriptionNotice.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The client the event names as the actor: the extension's admin API, no administrator. */
    private static final String ACTOR = "payer-access";

    private SubscriptionNotice() {
    }

    static void disabled(KeycloakSession session, RealmModel realm, Subscription subscription) {
        String reason = subscription.disabledReason().orElse("disabled");
        LOG.warnf("Webhook subscription %s of realm %s is disabled: %s", subscription.id(), realm.getName(), reason);
        if (!realm.isAdminEventsEnabled()) {
            return;
        }
        AdminEvent event = new AdminEvent();
        event.setId(UUID.randomUUID().toString());
        event.setTime(System.currentTimeMillis());
        event.setRealmId(realm.getId());
        event.setRealmName(realm.getName());
        AuthDetails actor = new AuthDetails();
        actor.setRealmId(realm.getId());
        actor.setRealmName(realm.getName());
        actor.setClientId(ACTOR);
        event.setAuthDetails(actor);
        event.setOperationType(OperationType.UPDATE);
        event.setResourceType(ResourceType.CUSTOM);
        event.setResourcePath("payer-access/webhooks/" + subscription.id());
        event.setError("webhook_disabled");
        event.setRepresentation(JSON.createObjectNode().put("id", subscription.id()).put("url", subscription.url())
            .put("enabled", false).put("disabledReason", reason).toString());
        session.getProvider(EventStoreProvider.class).onEvent(event, realm.isAdminEventsDetailsEnabled());
    }
}
