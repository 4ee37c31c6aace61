package dev.payeraccess.proxy;

import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.plan.PlanEndpoints;
import dev.payeraccess.plan.PlanProfile;
import dev.payeraccess.token.TokenBinding;
import java.util.Optional;

/**
 * The plan one request reads from, its endpoints, profile and token binding worked out from its configuration once:
 * every step of the request uses these same values.
 *
 * @param binding what a member's token must have been obtained for to be sent to the plan as configured now
 * @param earlyLinks what the plan recorded that links stored before tokens were bound belong to
 */
record ProxiedPlan(PlanIdentityProviderConfig config, PlanEndpoints endpoints, PlanProfile profile,
                   TokenBinding binding, Optional<TokenBinding> earlyLinks) {

    static ProxiedPlan of(PlanIdentityProviderConfig config) {
        PlanEndpoints endpoints = config.endpoints();
        return new ProxiedPlan(config, endpoints, config.profile(), TokenBinding.of(endpoints),
            config.earlyLinksBinding());
    }

    String alias() {
        return config.getAlias();
    }
}
