package dev.payeraccess.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.fhir.R4;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanConfigCheckTest {

    private static final Set<String> TYPES = new HashSet<>(R4.context().getResourceTypes());

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
            "tokenUrl", "https://auth.plan.example/oauth2/token"), TYPES));
    }

    @Test
    void missingFhirBaseUrlNamesTheFieldAndAnExample() {
        String problem = only(PlanConfigCheck.problems(config(), TYPES));

        assertTrue(problem.startsWith("fhirBaseUrl is required"), problem);
        assertTrue(problem.contains("https://"), problem);
    }

    @Test
    void relativeOrMalformedBaseUrlsAreRefused() {
        assertTrue(only(PlanConfigCheck.problems(config("fhirBaseUrl", "api.plan.example/r4"), TYPES))
            .contains("not an absolute http(s) URL"));
        assertTrue(only(PlanConfigCheck.problems(config("fhirBaseUrl", "https://bad host/r4"), TYPES))
            .contains("not a valid URL"));
        assertTrue(only(PlanConfigCheck.problems(config("fhirBaseUrl", "ftp://plan.example/r4"), TYPES))
            .contains("not an absolute http(s) URL"));
    }

    @Test
    void plainHttpIsRefusedExceptForLoopback() {
        String problem = only(PlanConfigCheck.problems(config("fhirBaseUrl", "http://api.plan.example/r4"), TYPES));

        assertTrue(problem.contains("must use https://"), problem);
        assertEquals(List.of(), PlanConfigCheck.problems(config("fhirBaseUrl", "http://localhost:8090/r4"), TYPES));
        assertEquals(List.of(), PlanConfigCheck.problems(config("fhirBaseUrl", "http://127.0.0.1:8090/r4"), TYPES));
    }

    @Test
    void everyEndpointFollowsTheHttpsRule() {
        List<String> problems = PlanConfigCheck.problems(config("fhirBaseUrl", "https://api.plan.example/r4",
            "tokenUrl", "http://auth.plan.example/token", "revocationUrl", "http://auth.plan.example/revoke"), TYPES);

        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("tokenUrl"));
        assertTrue(problems.get(1).startsWith("revocationUrl"));
    }

    @Test
    void aBaseUrlWithAQueryIsRefused() {
        assertTrue(only(PlanConfigCheck.problems(config("fhirBaseUrl", "https://api.plan.example/r4?x=1"), TYPES))
            .contains("must not carry a query"));
    }

    @Test
    void unknownResourceTypesAreListed() {
        String problem = only(PlanConfigCheck.problems(config("fhirBaseUrl", "https://api.plan.example/r4",
            "allowedResourceTypes", "Patient, Claimz, Coverage, eob"), TYPES));

        assertTrue(problem.startsWith("allowedResourceTypes: Claimz, eob are not FHIR R4 resource types"), problem);
    }

    @Test
    void timeoutOutsideOneToOneHundredTwentySecondsIsRefused() {
        for (String bad : new String[] {"999", "120001", "soon", "-5"}) {
            String problem = only(PlanConfigCheck.problems(config("fhirBaseUrl", "https://api.plan.example/r4",
                "upstreamTimeoutMs", bad), TYPES));
            assertTrue(problem.contains("between 1000 and 120000"), problem);
        }
        assertEquals(List.of(), PlanConfigCheck.problems(config("fhirBaseUrl", "https://api.plan.example/r4",
            "upstreamTimeoutMs", "1000"), TYPES));
    }

    @Test
    void unsupportedClientAuthenticationIsRefused() {
        assertTrue(only(PlanConfigCheck.problems(config("fhirBaseUrl", "https://api.plan.example/r4",
            "clientAuthMethod", "client_secret_jwt"), TYPES)).contains("client_secret_post"));
    }
}
