package dev.payeraccess.conformance;

import dev.payeraccess.broker.PlanConfigCheck;
import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.plan.OutboundTargets;
import dev.payeraccess.plan.SmartConfiguration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every URL the plan's tokens and members' data travel to is https at a public address: the configured ones and
 * those the discovery document names, by the rule saving a plan applies ({@link PlanConfigCheck#urlProblem}) with
 * this node's {@link OutboundTargets}. Private and loopback addresses, and plain http to them, only pass on a node
 * started with the development switch, and the finding says so.
 */
final class HttpsCheck {

    static final String CHECK = "https";

    private HttpsCheck() {
    }

    /** @param targets where this node may call */
    static Finding of(PlanIdentityProviderConfig plan, Optional<SmartConfiguration> discovered,
                      OutboundTargets targets) {
        List<String> refused = new ArrayList<>();
        List<String> development = new ArrayList<>();
        urls(plan, discovered).forEach((name, url) -> {
            Optional<String> problem = PlanConfigCheck.urlProblem(name, url, targets);
            if (problem.isPresent()) {
                refused.add(problem.get());
            } else if (targets.privateAddressesAllowed()
                && targets.withoutDevelopmentSwitch().refusal(url).isPresent()) {
                development.add(name);
            }
        });
        if (!refused.isEmpty()) {
            return Finding.fail(CHECK, String.join(" ", refused) + " Keycloak does not send tokens or members' data "
                + "there.");
        }
        if (!development.isEmpty()) {
            return Finding.pass(CHECK, "https to public addresses, except for private or loopback addresses this "
                + "node calls because it was started with " + OutboundTargets.DEVELOPMENT_SWITCH + ": "
                + String.join(", ", development) + ". Fine for a test plan, never for a real one.");
        }
        return Finding.pass(CHECK, "Every URL of the plan is https.");
    }

    private static Map<String, String> urls(PlanIdentityProviderConfig plan, Optional<SmartConfiguration> discovered) {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put(PlanIdentityProviderConfig.FHIR_BASE_URL, plan.fhirBaseUrl().orElseThrow());
        put(urls, PlanIdentityProviderConfig.AUTHORIZATION_URL, plan.getAuthorizationUrl());
        put(urls, PlanIdentityProviderConfig.TOKEN_URL, plan.getTokenUrl());
        plan.revocationUrl().ifPresent(url -> urls.put(PlanIdentityProviderConfig.REVOCATION_URL, url));
        List<String> pagingHosts = plan.pagingHosts();
        for (int i = 0; i < pagingHosts.size(); i++) {
            urls.put(PlanIdentityProviderConfig.PAGING_HOSTS + "[" + i + "]", pagingHosts.get(i));
        }
        discovered.ifPresent(smart -> {
            urls.put("discovered authorization_endpoint", smart.authorizationEndpoint());
            urls.put("discovered token_endpoint", smart.tokenEndpoint());
            smart.revocationEndpoint().ifPresent(url -> urls.put("discovered revocation_endpoint", url));
        });
        return urls;
    }

    private static void put(Map<String, String> urls, String name, String url) {
        if (url != null && !url.isBlank()) {
            urls.put(name, url.trim());
        }
    }
}
