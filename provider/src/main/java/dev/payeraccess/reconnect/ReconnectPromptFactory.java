package dev.payeraccess.reconnect;

import java.time.Duration;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Creates the "Reconnect your health plan" required action. Its two settings are node options
 * ({@code --spi-required-action--payer-access-reconnect--window-days}, {@code --...--later-days}): how long before a
 * grant ends the member is asked, and how long "Later" puts the question off.
 */
public final class ReconnectPromptFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = "payer-access-reconnect";
    static final String WINDOW_DAYS = "windowDays";
    static final String LATER_DAYS = "laterDays";
    static final int DEFAULT_WINDOW_DAYS = 14;
    static final int DEFAULT_LATER_DAYS = 3;

    private ReconnectDue due;
    private Duration later;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayText() {
        return "Reconnect your health plan";
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return new ReconnectPrompt(due, later);
    }

    @Override
    public void init(Config.Scope config) {
        due = new ReconnectDue(Duration.ofDays(days(config, WINDOW_DAYS, DEFAULT_WINDOW_DAYS)));
        later = Duration.ofDays(days(config, LATER_DAYS, DEFAULT_LATER_DAYS));
    }

    private static int days(Config.Scope config, String key, int fallback) {
        int days = config.getInt(key, fallback);
        if (days < 0) {
            throw new IllegalArgumentException("The option " + key + " of the required action " + PROVIDER_ID
                + " is " + days + ": give a number of days, 0 or more (default " + fallback + ")");
        }
        return days;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
            .property().name(WINDOW_DAYS).type("int").defaultValue(DEFAULT_WINDOW_DAYS)
            .helpText("A member whose grant to a plan ends within this many days is asked to reconnect it at "
                + "sign-in (a link the plan asked to connect again is always asked about)").add()
            .property().name(LATER_DAYS).type("int").defaultValue(DEFAULT_LATER_DAYS)
            .helpText("How many days \"Later\" puts the question off (0: until the next sign-in)").add()
            .build();
    }

    @Override
    public void close() {
    }
}
