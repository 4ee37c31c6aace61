package dev.payeraccess.proxy;

import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.plan.PlanEndpoints;
import dev.payeraccess.plan.PlanProfile;

/**
 * The plan one request reads from, its endpoints and profile read from its configuration once: every step of the
 * request uses these same values.
 */
record ProxiedPlan(PlanIdentityProviderConfig config, PlanEndpoints endpoints, PlanProfile profile) {

    static ProxiedPlan of(PlanIdentityProviderConfig config) {
        return new ProxiedPlan(config, config.endpoints(), config.profile());
    }

    String alias() {
        return config.getAlias();
    }
}
