package dev.payeraccess.webhooks;

import dev.payeraccess.lifecycle.LifecycleSink;
import dev.payeraccess.lifecycle.LifecycleSinkFactory;
import dev.payeraccess.schedule.IntervalSchedule;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * The webhooks of this node (lifecycle sink {@code webhooks}): each session's {@link WebhookOutbox}, and the delivery
 * round ({@link WebhookDeliveries}) one node of the cluster runs per interval (default every 5 seconds) on the
 * schedule shared with the health probe. Options: {@code --spi-payer-access-lifecycle-sink--webhooks--interval-seconds}
 * and {@code ...--timeout-seconds} (15 to 30, default 20).
 */
public final class WebhookOutboxFactory implements LifecycleSinkFactory {

    static final String INTERVAL_SECONDS = "intervalSeconds";
    static final String TIMEOUT_SECONDS = "timeoutSeconds";
    static final int DEFAULT_INTERVAL_SECONDS = 5;
    static final int DEFAULT_TIMEOUT_SECONDS = 20;
    private static final Logger LOG = Logger.getLogger(WebhookOutboxFactory.class);

    private Optional<IntervalSchedule> schedule = Optional.empty();
    private WebhookDeliveries deliveries;
    private final ProviderEventListener realmRemovals = this::forgetRemovedRealm;
    private KeycloakSessionFactory factory;

    @Override
    public String getId() {
        return "webhooks";
    }

    @Override
    public LifecycleSink create(KeycloakSession session) {
        return new WebhookOutbox(session);
    }

    @Override
    public void init(Config.Scope config) {
        int timeout = config.getInt(TIMEOUT_SECONDS, DEFAULT_TIMEOUT_SECONDS);
        if (timeout < 15 || timeout > 30) {
            throw new IllegalArgumentException("spi-payer-access-lifecycle-sink--webhooks--timeout-seconds is "
                + timeout + "; set it between 15 and 30 (seconds a receiver has to answer a delivery)");
        }
        deliveries = new WebhookDeliveries(Duration.ofSeconds(timeout));
        int interval = config.getInt(INTERVAL_SECONDS, DEFAULT_INTERVAL_SECONDS);
        schedule = interval <= 0 ? Optional.empty()
            : Optional.of(new IntervalSchedule("payer-access-webhooks", Duration.ofSeconds(interval)));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        this.factory = factory;
        factory.register(realmRemovals);
        if (schedule.isEmpty()) {
            LOG.info("Webhook deliveries are off on this node (intervalSeconds=0): messages wait in the outbox");
            return;
        }
        schedule.get().onOneNode(factory, deliveries::round);
    }

    /** A realm's subscriptions and their messages go with the realm, in the transaction that removes it. */
    private void forgetRemovedRealm(ProviderEvent event) {
        if (event instanceof RealmModel.RealmRemovedEvent removed) {
            WebhookStore store = removed.getKeycloakSession().getProvider(WebhookStore.class);
            String realmId = removed.getRealm().getId();
            store.subscriptions(realmId).forEach(subscription -> store.remove(realmId, subscription.id()));
        }
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
            .property().name(INTERVAL_SECONDS).type("int").defaultValue(DEFAULT_INTERVAL_SECONDS)
            .helpText("Seconds between delivery rounds (one node of a cluster delivers per round); 0 leaves "
                + "deliveries to the other nodes").add()
            .property().name(TIMEOUT_SECONDS).type("int").defaultValue(DEFAULT_TIMEOUT_SECONDS)
            .helpText("Seconds a receiver has to answer a delivery, 15 to 30").add()
            .build();
    }

    @Override
    public void close() {
        if (factory != null) {
            factory.unregister(realmRemovals);
        }
        schedule.ifPresent(IntervalSchedule::close);
    }
}
