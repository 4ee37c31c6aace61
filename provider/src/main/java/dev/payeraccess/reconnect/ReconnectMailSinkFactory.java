package dev.payeraccess.reconnect;

import dev.payeraccess.lifecycle.LifecycleChange;
import dev.payeraccess.lifecycle.LifecycleSink;
import dev.payeraccess.lifecycle.LifecycleSinkFactory;
import java.util.List;
import java.util.Optional;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Lifecycle sink {@code reconnect-email}: e-mails members whose link needs reconnecting. Off unless the node
 * option {@code --spi-payer-access-lifecycle-sink--reconnect-email--mail-members=true} is set, and then only in
 * realms with SMTP settings (Realm settings, Email).
 */
public final class ReconnectMailSinkFactory implements LifecycleSinkFactory {

    // Not "enabled": Keycloak reads --spi-<spi>--<provider>--enabled as a build option that removes the provider.
    static final String MAIL_MEMBERS = "mailMembers";
    /** The sink while e-mail is off: stateless. */
    private static final LifecycleSink NOTHING = new LifecycleSink() {
        @Override
        public void accept(RealmModel realm, LifecycleChange change) {
        }

        @Override
        public void close() {
        }
    };

    private boolean enabled;
    private Optional<ReconnectMailer> mailer = Optional.empty();

    @Override
    public String getId() {
        return "reconnect-email";
    }

    @Override
    public LifecycleSink create(KeycloakSession session) {
        return mailer.<LifecycleSink>map(m -> new ReconnectMailSink(session, m)).orElse(NOTHING);
    }

    @Override
    public void init(Config.Scope config) {
        enabled = config.getBoolean(MAIL_MEMBERS, false);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        mailer = enabled ? Optional.of(new ReconnectMailer(factory)) : Optional.empty();
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
            .property().name(MAIL_MEMBERS).type("boolean").defaultValue(false)
            .helpText("E-mail a member (realm SMTP settings, once per link and ending) when a grant ends soon or a "
                + "plan revoked it; never names the plan").add()
            .build();
    }

    @Override
    public void close() {
        mailer.ifPresent(ReconnectMailer::close);
    }
}
