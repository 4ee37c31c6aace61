package dev.payeraccess.linkschedule;

import org.keycloak.provider.ProviderFactory;

public interface LinkScheduleFactory extends ProviderFactory<LinkSchedule> {
}
