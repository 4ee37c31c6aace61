package dev.payeraccess.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.http.impl.NoConnectionReuseStrategy;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A read whose pooled connection the plan's side had ended, found out before any byte of the answer arrived, goes
 * once more on a new connection; a failure on a new connection, or after the answer began, is the plan's. Both
 * clients retry nothing by themselves here, so what is counted is this class's doing.
 */
class PlanFhirCallConnectionsTest {

    private static final String BUNDLE = "{\"resourceType\":\"Bundle\"}";

    private final CloseableHttpClient pooled = HttpClients.custom().disableAutomaticRetries().build();
    private final CloseableHttpClient fresh = HttpClients.custom().disableAutomaticRetries()
        .setConnectionReuseStrategy(NoConnectionReuseStrategy.INSTANCE).build();
    private ScriptedPlan plan;

    @AfterEach
    void stop() throws IOException {
        pooled.close();
        fresh.close();
        plan.close();
    }

    @ParameterizedTest
    @EnumSource(value = ScriptedPlan.Act.class, names = {"CLOSE", "RESET"})
    void aReadWhosePooledConnectionEndedIsSentOnceMoreOnANewConnection(ScriptedPlan.Act ending) throws Exception {
        plan = new ScriptedPlan(200, BUNDLE, (connection, request) -> request == 1 ? ScriptedPlan.Act.ANSWER : ending);
        assertEquals(200, read(), "the first read leaves its connection in the pool");

        assertEquals(200, read(), "the second meets the ended connection, then goes on a new one");

        assertEquals(3, plan.requests().size(), plan.requests().toString());
        assertEquals(2, plan.connections());
    }

    @Test
    void onlyOnce() throws Exception {
        plan = new ScriptedPlan(200, BUNDLE, (connection, request) ->
            connection == 1 && request == 1 ? ScriptedPlan.Act.ANSWER : ScriptedPlan.Act.CLOSE);
        assertEquals(200, read());

        PlanProblem failed = assertThrows(PlanProblem.class, this::read);

        assertEquals(PlanProblem.Kind.UNREACHABLE, failed.kind());
        assertEquals(3, plan.requests().size());
    }

    @Test
    void aReadThatFailsOnANewConnectionIsThePlansFailure() throws Exception {
        plan = new ScriptedPlan(200, BUNDLE, (connection, request) -> ScriptedPlan.Act.CLOSE);

        PlanProblem failed = assertThrows(PlanProblem.class, this::read);

        assertEquals(PlanProblem.Kind.UNREACHABLE, failed.kind());
        assertEquals(1, plan.requests().size());
    }

    @Test
    void aReadWhoseAnswerBrokeOffIsNotSentAgain() throws Exception {
        plan = new ScriptedPlan(200, BUNDLE, (connection, request) -> ScriptedPlan.Act.BREAK_OFF);

        try (PlanAnswer answer = call().read(plan.origin() + "/r4/Coverage", Map.of(), tokens())) {
            assertEquals(200, answer.status());
            InputStream body = answer.body();
            assertThrows(IOException.class, body::readAllBytes);
        }
        assertEquals(1, plan.requests().size());
    }

    private int read() throws Exception {
        try (PlanAnswer answer = call().read(plan.origin() + "/r4/Coverage", Map.of(), tokens())) {
            answer.body().readAllBytes();
            return answer.status();
        }
    }

    private PlanFhirCall call() {
        PlanEndpoints endpoints = new PlanEndpoints("plan", plan.origin() + "/r4", plan.origin() + "/token",
            Optional.empty(), "client-1", (s, r) -> r, 5_000, List.of());
        // The stand-in plan is on loopback: a node with the development switch calls it.
        return new PlanFhirCall(pooled, fresh, ResolverTable.development(), endpoints,
            System.nanoTime() + 10_000_000_000L);
    }

    private static AccessTokenSource<RuntimeException> tokens() {
        return new AccessTokenSource<>() {
            @Override
            public String current() {
                return "member-token";
            }

            @Override
            public String renewedAfterRejection(String rejected) {
                return "renewed-token";
            }
        };
    }
}
