package dev.payeraccess.linkschedule;

import java.time.Duration;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The link schedule in Keycloak's database; holds this node's {@link ReadMarks}. */
public final class JpaLinkScheduleFactory implements LinkScheduleFactory {

    static final String READ_MARK_MINUTES = "readMarkMinutes";
    static final int DEFAULT_READ_MARK_MINUTES = 60;

    private ReadMarks marks;

    @Override
    public LinkSchedule create(KeycloakSession session) {
        return new JpaLinkSchedule(session, marks);
    }

    @Override
    public void init(Config.Scope config) {
        int minutes = Math.max(1, config.getInt(READ_MARK_MINUTES, DEFAULT_READ_MARK_MINUTES));
        marks = new ReadMarks(Duration.ofMinutes(minutes));
    }

    /** A removed realm's rows go with it, in the transaction that removes it. */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                removed.getKeycloakSession().getProvider(JpaConnectionProvider.class).getEntityManager()
                    .createNamedQuery("payerAccessLinkScheduleRemoveRealm")
                    .setParameter("realmId", removed.getRealm().getId()).executeUpdate();
            }
        });
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return "jpa";
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
            .property().name(READ_MARK_MINUTES).type("int").defaultValue(DEFAULT_READ_MARK_MINUTES)
            .helpText("Each node writes an app's read of a link to the schedule at most once in this many minutes")
            .add()
            .build();
    }
}
