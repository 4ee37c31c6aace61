package dev.payeraccess.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.keycloak.models.IdentityProviderModel;

class LinkOnlyUpgradeTest {

    @Test
    void plansSavedBeforeTheRuleBecomeLinkOnlyOtherProvidersAndOptedInPlansDoNot() {
        Stream<IdentityProviderModel> notLinkOnly = Stream.of(provider("old-plan", "payer", Map.of()),
            provider("google", "google", Map.of()),
            provider("opted-in", "payer", Map.of(PlanIdentityProviderConfig.ALLOW_PLAN_SIGN_IN, "true")),
            provider("opted-out", "payer", Map.of(PlanIdentityProviderConfig.ALLOW_PLAN_SIGN_IN, "false")));

        List<String> changed = LinkOnlyUpgrade.toMakeLinkOnly(notLinkOnly).stream()
            .map(IdentityProviderModel::getAlias).toList();

        assertEquals(List.of("old-plan", "opted-out"), changed);
    }

    private static IdentityProviderModel provider(String alias, String providerId, Map<String, String> config) {
        IdentityProviderModel model = new IdentityProviderModel();
        model.setAlias(alias);
        model.setProviderId(providerId);
        model.setConfig(new HashMap<>(config));
        return model;
    }
}
