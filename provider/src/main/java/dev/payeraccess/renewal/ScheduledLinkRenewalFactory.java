package dev.payeraccess.renewal;

import dev.payeraccess.schedule.IntervalSchedule;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Creates this node's {@link ScheduledLinkRenewal}: on by default, every 10 minutes. It renews only links of plans
 * whose refresh tokens lapse when unused (a plan profile's {@code refreshTokenIdleSeconds}, or the plan's
 * {@code refresh_expires_in}); for every other link a round is one indexed query that finds nothing.
 */
public final class ScheduledLinkRenewalFactory implements LinkRenewalFactory {

    static final String INTERVAL_SECONDS = "intervalSeconds";
    static final String STOP_AFTER_UNREAD_DAYS = "stopAfterUnreadDays";
    static final String MAX_PER_ROUND = "maxPerRound";
    static final String GRANT_ENDING_DAYS = "grantEndingDays";
    static final int DEFAULT_INTERVAL_SECONDS = 600;
    static final int DEFAULT_STOP_AFTER_UNREAD_DAYS = 90;
    static final int DEFAULT_MAX_PER_ROUND = 500;
    /** As the reconnect prompt's {@code windowDays}: the app hears of an ending grant when the member does. */
    static final int DEFAULT_GRANT_ENDING_DAYS = 14;

    private ScheduledLinkRenewal renewal;

    @Override
    public String getId() {
        return "scheduled";
    }

    @Override
    public LinkRenewal create(KeycloakSession session) {
        return renewal;
    }

    @Override
    public void init(Config.Scope config) {
        Duration interval = Duration.ofSeconds(config.getInt(INTERVAL_SECONDS, DEFAULT_INTERVAL_SECONDS));
        Duration stopAfter = Duration.ofDays(Math.max(1, config.getInt(STOP_AFTER_UNREAD_DAYS,
            DEFAULT_STOP_AFTER_UNREAD_DAYS)));
        int maxPerRound = Math.max(1, config.getInt(MAX_PER_ROUND, DEFAULT_MAX_PER_ROUND));
        Optional<IntervalSchedule> schedule = interval.isZero() || interval.isNegative() ? Optional.empty()
            : Optional.of(new IntervalSchedule("payer-access-link-renewal", interval));
        Duration grantEnding = Duration.ofDays(Math.max(0, config.getInt(GRANT_ENDING_DAYS,
            DEFAULT_GRANT_ENDING_DAYS)));
        renewal = new ScheduledLinkRenewal(schedule, new RenewalDue(interval, stopAfter), maxPerRound, grantEnding);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        renewal.start(factory);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
            .property().name(INTERVAL_SECONDS).type("int").defaultValue(DEFAULT_INTERVAL_SECONDS)
            .helpText("Seconds between rounds that renew links whose refresh tokens would lapse unused (one node of a "
                + "cluster runs each round); keep it well below the shortest refresh-token idle lifetime. 0 turns "
                + "background renewal off").add()
            .property().name(STOP_AFTER_UNREAD_DAYS).type("int").defaultValue(DEFAULT_STOP_AFTER_UNREAD_DAYS)
            .helpText("A link no app has read through for this many days (counted from linking when none has) is no "
                + "longer renewed in the background").add()
            .property().name(MAX_PER_ROUND).type("int").defaultValue(DEFAULT_MAX_PER_ROUND)
            .helpText("The most links one round renews; the others, the earliest due first, wait for the next")
            .add()
            .property().name(GRANT_ENDING_DAYS).type("int").defaultValue(DEFAULT_GRANT_ENDING_DAYS)
            .helpText("A round records link.grant_ending once per link when the member's grant ends within this "
                + "many days; keep it equal to the reconnect prompt's windowDays").add()
            .build();
    }

    @Override
    public void close() {
        if (renewal != null) {
            renewal.close();
        }
    }
}
