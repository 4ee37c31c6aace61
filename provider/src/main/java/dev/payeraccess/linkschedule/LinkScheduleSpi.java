package dev.payeraccess.linkschedule;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The SPI {@code payer-access-link-schedule}, e.g.
 * {@code --spi-payer-access-link-schedule--jpa--read-mark-minutes=60}.
 */
public final class LinkScheduleSpi implements Spi {

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return "payer-access-link-schedule";
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return LinkSchedule.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return LinkScheduleFactory.class;
    }
}
