package dev.payeraccess.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.http.impl.NoConnectionReuseStrategy;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A refresh that may have reached the plan is never sent again, whatever became of its connection; one the plan
 * cannot have acted on (nothing was sent, or it answered 500 or 503) is sent once more when there is time for it.
 * The client is built as {@link FreshPlanConnectionsFactory} has Keycloak build it: a new connection for each request,
 * Apache HttpClient's default retry handling.
 */
class PlanTokenEndpointTest {

    private static final String TOKENS = "{\"access_token\":\"at-2\",\"token_type\":\"Bearer\",\"expires_in\":60,"
        + "\"refresh_token\":\"rt-2\"}";

    private final CloseableHttpClient fresh = HttpClients.custom()
        .setConnectionReuseStrategy(NoConnectionReuseStrategy.INSTANCE).build();
    private ScriptedPlan plan;

    @AfterEach
    void stop() throws IOException {
        fresh.close();
        if (plan != null) {
            plan.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScriptedPlan.Act.class, names = {"CLOSE", "RESET", "GATEWAY_TIMEOUT"})
    void aRefreshThatMayHaveReachedThePlanIsNeverSentAgain(ScriptedPlan.Act act) throws Exception {
        plan = new ScriptedPlan(200, TOKENS, (connection, request) -> act);

        PlanProblem failed = assertThrows(PlanProblem.class,
            () -> endpoint(plan.origin()).refresh("rt-1", Duration.ofSeconds(30)));

        assertFalse(failed.nothingProcessed(), failed.getMessage());
        assertEquals(1, plan.requests().size(), plan.requests().toString());
    }

    @Test
    void aRefreshThePlanAnswered503ToIsSentOnceMoreAndSucceeds() throws Exception {
        plan = new ScriptedPlan(200, TOKENS, (connection, request) ->
            connection == 1 ? ScriptedPlan.Act.UNAVAILABLE : ScriptedPlan.Act.ANSWER);

        Optional<PlanTokenResponse> renewed = endpoint(plan.origin()).refresh("rt-1", Duration.ofSeconds(30));

        assertEquals(Optional.of("rt-2"), renewed.flatMap(PlanTokenResponse::refreshToken));
        assertEquals(2, plan.requests().size());
        assertTrue(plan.requests().stream().allMatch(r -> r.contains("refresh_token=rt-1")), plan.requests()::toString);
        assertEquals(2, plan.connections(), "each call on a connection of its own");
    }

    @Test
    void aSecondFailureEndsIt() throws Exception {
        plan = new ScriptedPlan(200, TOKENS, (connection, request) -> ScriptedPlan.Act.UNAVAILABLE);

        PlanProblem failed = assertThrows(PlanProblem.class,
            () -> endpoint(plan.origin()).refresh("rt-1", Duration.ofSeconds(30)));

        assertEquals(PlanProblem.Kind.FAILED, failed.kind());
        assertEquals(2, plan.requests().size());
    }

    @Test
    void noSecondAttemptWithoutTimeForAWholeOne() throws Exception {
        plan = new ScriptedPlan(200, TOKENS, (connection, request) ->
            connection == 1 ? ScriptedPlan.Act.UNAVAILABLE : ScriptedPlan.Act.ANSWER);

        assertThrows(PlanProblem.class, () -> endpoint(plan.origin()).refresh("rt-1", Duration.ofSeconds(3)));

        assertEquals(1, plan.requests().size());
    }

    @Test
    void aPlanThatCannotBeReachedWasSentNothingAndIsTriedOnceMore() throws Exception {
        String nobody;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = "http://127.0.0.1:" + closed.getLocalPort();
        }
        long start = System.nanoTime();

        PlanProblem failed = assertThrows(PlanProblem.class,
            () -> endpoint(nobody).refresh("rt-1", Duration.ofSeconds(30)));

        assertEquals(PlanProblem.Kind.UNREACHABLE, failed.kind());
        assertTrue(failed.nothingProcessed());
        assertTrue(failed.getMessage().contains("nothing was sent"), failed.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(SecondAttempt.PAUSE) >= 0,
            "tried again after the pause");
    }

    @Test
    void aRefusedRefreshIsTheGrantsEndNotAFailure() throws Exception {
        plan = new ScriptedPlan(400, "{\"error\":\"invalid_grant\"}", (connection, request) -> ScriptedPlan.Act.ANSWER);

        assertEquals(Optional.empty(), endpoint(plan.origin()).refresh("rt-1", Duration.ofSeconds(30)));
        assertEquals(1, plan.requests().size());
    }

    @Test
    void aTokenEndpointAtALoopbackAddressIsNeverCalledWithoutTheDevelopmentSwitch() throws Exception {
        plan = new ScriptedPlan(200, TOKENS, (connection, request) -> ScriptedPlan.Act.ANSWER);
        PlanTokenEndpoint endpoint = endpoint(plan.origin(), ResolverTable.publicOnly());

        PlanProblem refresh = assertThrows(PlanProblem.class, () -> endpoint.refresh("rt-1", Duration.ofSeconds(30)));
        PlanProblem redeem = assertThrows(PlanProblem.class,
            () -> endpoint.redeem("code-1", "https://keycloak.example/cb", Optional.empty()));
        PlanProblem revoke = assertThrows(PlanProblem.class, () -> endpoint.revoke("rt-1", "refresh_token"));

        for (PlanProblem refused : List.of(refresh, redeem, revoke)) {
            assertEquals(PlanProblem.Kind.TARGET_REFUSED, refused.kind(), refused.getMessage());
            assertTrue(refused.getMessage().contains("Keycloak does not call private or loopback addresses"),
                refused.getMessage());
        }
        assertEquals(List.of(), plan.requests(), "the plan received a request");
    }

    private PlanTokenEndpoint endpoint(String origin) {
        // ScriptedPlan listens on loopback: a node with the development switch calls it.
        return endpoint(origin, ResolverTable.development());
    }

    private PlanTokenEndpoint endpoint(String origin, OutboundTargets targets) {
        PlanEndpoints endpoints = new PlanEndpoints("plan", origin + "/r4", origin + "/token",
            Optional.of(origin + "/revoke"), "client-1", (s, r) -> r, 5_000, List.of());
        return new PlanTokenEndpoint(null, endpoints, new PlanConnections() {
            @Override
            public CloseableHttpClient fresh() {
                return fresh;
            }

            @Override
            public OutboundTargets targets() {
                return targets;
            }
        });
    }
}
