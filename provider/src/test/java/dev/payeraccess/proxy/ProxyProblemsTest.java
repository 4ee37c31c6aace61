package dev.payeraccess.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.plan.AccessTokenSource;
import dev.payeraccess.plan.PlanEndpoints;
import dev.payeraccess.plan.PlanFhirCall;
import dev.payeraccess.plan.PlanProblem;
import dev.payeraccess.plan.ResolverTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.Test;

/** What an app reads when the proxy would not call a plan: a 502 OperationOutcome naming the plan's origin only. */
class ProxyProblemsTest {

    @Test
    void aReadAtAPrivateAddressAnswers502SayingKeycloakDoesNotCallItAndNamingTheOriginOnly() throws Exception {
        PlanEndpoints plan = new PlanEndpoints("plan", "https://10.1.2.3:8443/r4", "https://10.1.2.3:8443/token",
            Optional.empty(), "client-1", (s, r) -> r, 5_000, List.of());
        PlanProblem refused;
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            refused = assertThrows(PlanProblem.class, () -> new PlanFhirCall(client, ResolverTable.publicOnly(), plan,
                System.nanoTime() + 10_000_000_000L).read("https://10.1.2.3:8443/r4/Patient?name=Jane", Map.of(),
                    new AccessTokenSource<RuntimeException>() {
                        @Override
                        public String current() {
                            return "member-token";
                        }

                        @Override
                        public String renewedAfterRejection(String rejected) {
                            return "member-token";
                        }
                    }));
        }

        FhirProblem answer = new ProxyProblems("plan", 5_000, () -> "https://keycloak.example/link").of(refused);

        assertEquals(502, answer.status());
        assertEquals("Plan plan was not called: Keycloak does not call private or loopback addresses, and "
            + "https://10.1.2.3:8443 is one. The realm's administrator must point the plan at its public https "
            + "endpoint.", answer.diagnostics());
        assertFalse(answer.diagnostics().contains("Jane") || answer.diagnostics().contains("member-token"));
    }
}
