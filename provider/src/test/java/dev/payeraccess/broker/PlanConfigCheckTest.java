package dev.payeraccess.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.fhir.R4;
import dev.payeraccess.plan.OutboundTargets;
import dev.payeraccess.plan.ResolverTable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanConfigCheckTest {

    private static final Set<String> TYPES = new HashSet<>(R4.context().getResourceTypes());
    private static final OutboundTargets PUBLIC_ONLY = ResolverTable.publicOnly();

    private static PlanIdentityProviderConfig config(String... keyValues) {
        PlanIdentityProviderConfig config = new PlanIdentityProviderConfig();
        for (int i = 0; i < keyValues.length; i += 2) {
            config.getConfig().put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    private static String only(List<String> problems) {
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    @Test
    void aCompleteHttpsConfigurationHasNoProblems() {
        assertEquals(List.of(), PlanConfigCheck.problems(config("fhirBaseUrl", "https://api.plan.example/r4",
            "authorizationUrl", "https://auth.plan.example/oauth2/authorize/test",
            "tokenUrl", "https://auth.plan.example/oauth2/token"), TYPES, PUBLIC_ONLY));
    }

    @Test
    void theAliasOfTheSearchAcrossPlansIsReserved() {
        PlanIdentityProviderConfig config = config("fhirBaseUrl", "https://api.plan.example/r4",
            "authorizationUrl", "https://auth.plan.example/oauth2/authorize/test",
            "tokenUrl", "https://auth.plan.example/oauth2/token");
        config.setAlias("_all");
        String problem = only(PlanConfigCheck.problems(config, TYPES, PUBLIC_ONLY));
        assertTrue(problem.contains("_all is reserved") && problem.contains("Choose another alias"), problem);
        config.setAlias("all");
        assertEquals(List.of(), PlanConfigCheck.problems(config, TYPES, PUBLIC_ONLY));
    }

    @Test
    void missingFhirBaseUrlNamesTheFieldAndAnExample() {
        String problem = only(PlanConfigCheck.problems(config(), TYPES, PUBLIC_ONLY));

        assertTrue(problem.startsWith("fhirBaseUrl is required"), problem);
        assertTrue(problem.contains("https://"), problem);
    }

    @Test
    void relativeOrMalformedBaseUrlsAreRefused() {
        assertTrue(only(PlanConfigCheck.problems(config("fhirBaseUrl", "api.plan.example/r4"), TYPES, PUBLIC_ONLY))
            .contains("not an absolute http(s) URL"));
        assertTrue(only(PlanConfigCheck.problems(config("fhirBaseUrl", "https://bad host/r4"), TYPES, PUBLIC_ONLY))
            .contains("not a valid URL"));
        assertTrue(only(PlanConfigCheck.problems(config("fhirBaseUrl", "ftp://plan.example/r4"), TYPES, PUBLIC_ONLY))
            .contains("not an absolute http(s) URL"));
    }

    @Test
    void plainHttpToAPublicHostIsRefusedWithOrWithoutTheDevelopmentSwitch() {
        for (OutboundTargets targets : List.of(PUBLIC_ONLY, ResolverTable.development())) {
            String problem = only(PlanConfigCheck.problems(config("fhirBaseUrl", "http://api.plan.example/r4"), TYPES,
                targets));

            assertTrue(problem.contains("must use https://"), problem);
        }
    }

    @Test
    void aLoopbackPlanIsRefusedNamingTheFieldThePublicEndpointAndTheSwitch() {
        for (String base : List.of("http://localhost:8090/r4", "http://127.0.0.1:8090/r4", "https://[::1]/r4")) {
            String problem = only(PlanConfigCheck.problems(config("fhirBaseUrl", base), TYPES, PUBLIC_ONLY));

            assertTrue(problem.startsWith("fhirBaseUrl '" + base + "' is a private or loopback address"), problem);
            assertTrue(problem.contains("Enter the plan's public https endpoint"), problem);
            assertTrue(problem.contains(OutboundTargets.DEVELOPMENT_SWITCH), problem);
        }
    }

    @Test
    void everyAddressKeycloakCallsIsRefusedWhenItsNameResolvesToAPrivateAddress() {
        OutboundTargets targets = OutboundTargets.publicOnly(new ResolverTable()
            .with("api.plan.example", "203.0.113.10").with("auth.plan.example", "10.1.2.3")
            .with("pages.plan.example", "169.254.169.254"));
        List<String> problems = PlanConfigCheck.problems(config("fhirBaseUrl", "https://api.plan.example/r4",
            "authorizationUrl", "https://auth.plan.example/authorize", "tokenUrl", "https://auth.plan.example/token",
            "revocationUrl", "https://auth.plan.example/revoke", "pagingHosts", "https://pages.plan.example/r4"),
            TYPES, targets);

        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("authorizationUrl 'https://auth.plan.example/authorize' is a private "
            + "or loopback address (10.1.2.3)"), problems.get(0));
        assertTrue(problems.get(1).startsWith("tokenUrl"), problems.get(1));
        assertTrue(problems.get(2).startsWith("revocationUrl"), problems.get(2));
        assertTrue(problems.get(3).startsWith("pagingHosts 'https://pages.plan.example/r4' is a private or loopback "
            + "address (169.254.169.254)"), problems.get(3));
    }

    @Test
    void withTheDevelopmentSwitchAPlanSimulatorOnLoopbackIsAccepted() {
        assertEquals(List.of(), PlanConfigCheck.problems(config("fhirBaseUrl", "http://localhost:8090/r4",
            "tokenUrl", "http://127.0.0.1:8090/oauth2/token"), TYPES, ResolverTable.development()));
    }

    @Test
    void aLogoIsLoadedByTheBrowserAndKeepsItsOwnRule() {
        assertEquals(List.of(), PlanConfigCheck.problems(config("fhirBaseUrl", "https://api.plan.example/r4",
            "logoUrl", "http://localhost:8090/logo.png"), TYPES, PUBLIC_ONLY));
        assertTrue(only(PlanConfigCheck.problems(config("fhirBaseUrl", "https://api.plan.example/r4",
            "logoUrl", "http://cdn.plan.example/logo.png"), TYPES, PUBLIC_ONLY)).startsWith("logoUrl"));
    }

    @Test
    void everyEndpointFollowsTheHttpsRule() {
        List<String> problems = PlanConfigCheck.problems(config("fhirBaseUrl", "https://api.plan.example/r4",
            "tokenUrl", "http://auth.plan.example/token", "revocationUrl", "http://auth.plan.example/revoke"), TYPES,
            PUBLIC_ONLY);

        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("tokenUrl"));
        assertTrue(problems.get(1).startsWith("revocationUrl"));
    }

    @Test
    void aBaseUrlWithAQueryIsRefused() {
        assertTrue(only(PlanConfigCheck.problems(config("fhirBaseUrl", "https://api.plan.example/r4?x=1"), TYPES,
            PUBLIC_ONLY))
            .contains("must not carry a query"));
    }

    @Test
    void unknownResourceTypesAreListed() {
        String problem = only(PlanConfigCheck.problems(config("fhirBaseUrl", "https://api.plan.example/r4",
            "allowedResourceTypes", "Patient, Claimz, Coverage, eob"), TYPES, PUBLIC_ONLY));

        assertTrue(problem.startsWith("allowedResourceTypes: Claimz, eob are not FHIR R4 resource types"), problem);
    }

    @Test
    void timeoutOutsideOneToOneHundredTwentySecondsIsRefused() {
        for (String bad : new String[] {"999", "120001", "soon", "-5"}) {
            String problem = only(PlanConfigCheck.problems(config("fhirBaseUrl", "https://api.plan.example/r4",
                "upstreamTimeoutMs", bad), TYPES, PUBLIC_ONLY));
            assertTrue(problem.contains("between 1000 and 120000"), problem);
        }
        assertEquals(List.of(), PlanConfigCheck.problems(config("fhirBaseUrl", "https://api.plan.example/r4",
            "upstreamTimeoutMs", "1000"), TYPES, PUBLIC_ONLY));
    }

    @Test
    void unsupportedClientAuthenticationIsRefused() {
        assertTrue(only(PlanConfigCheck.problems(config("fhirBaseUrl", "https://api.plan.example/r4",
            "clientAuthMethod", "client_secret_jwt"), TYPES, PUBLIC_ONLY)).contains("client_secret_post"));
    }
}
