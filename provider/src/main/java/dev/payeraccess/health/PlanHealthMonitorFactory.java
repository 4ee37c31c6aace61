package dev.payeraccess.health;

import org.keycloak.provider.ProviderFactory;

public interface PlanHealthMonitorFactory extends ProviderFactory<PlanHealthMonitor> {
}
