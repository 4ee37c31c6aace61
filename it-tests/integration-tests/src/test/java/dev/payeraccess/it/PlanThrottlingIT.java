package dev.payeraccess.it;

import static dev.payeraccess.it.Refusals.assertAnsweredWithOperationOutcome;
import static dev.payeraccess.it.Refusals.assertRefusedWithoutCallingPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.Area;
import dev.payeraccess.sandbox.control.Fault;
import dev.payeraccess.sandbox.control.SandboxControls;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Plans throttle and go down for maintenance. The proxy keeps each plan's caps on this node (429 before anything
 * is sent), and when a plan answers 429 (or 503 with {@code Retry-After}) it passes the wait on to the app and
 * sends that plan nothing until the wait is over. One member has linked six plans, one per situation, so no test
 * inherits another's counters or waits.
 */
@ExtendWith(PayerAccessStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanThrottlingIT {

    /** maxRequestsPerSecond=2 */
    private static final String RATED = "rated";
    /** maxConcurrentRequests=1 */
    private static final String SINGLE = "single";
    /** No caps; its sandbox answers are made to throttle or be down. */
    private static final String BUSY = "busy";
    /** No caps. */
    private static final String PLAIN = "plain";
    /** No caps until a test sets one. */
    private static final String CHANGING = "changing";

    /** maxConcurrentRequests=2, linked by both members: each may hold one. */
    private static final String SHARED = "shared";

    /** A second member of the same realm, linked to {@link #BUSY} and {@link #SHARED} only. */
    private static final String OTHER_USER = "other-member";

    private KeycloakStack stack;
    private TestRealm realm;
    private PayerAccessApi app;
    private PayerAccessApi otherMember;

    @BeforeAll
    void linkFivePlans(KeycloakStack stack) throws Exception {
        this.stack = stack;
        realm = TestRealm.create(stack, "throttle");
        realm.addSmartScopes();
        realm.admin.put("events/config", Map.of("eventsEnabled", true, "enabledEventTypes", List.of(
            "IDENTITY_PROVIDER_RETRIEVE_TOKEN", "IDENTITY_PROVIDER_RETRIEVE_TOKEN_ERROR"))).expect(204);
        realm.addPlan(realm.plan(RATED, Track.TEST, c -> c.put("maxRequestsPerSecond", "2")));
        realm.addPlan(realm.plan(SINGLE, Track.TEST, c -> c.put("maxConcurrentRequests", "1")));
        realm.addPlan(realm.plan(SHARED, Track.TEST, c -> c.put("maxConcurrentRequests", "2")));
        for (String alias : List.of(BUSY, PLAIN, CHANGING)) {
            realm.addPlan(realm.plan(alias, Track.TEST));
        }
        MemberLinking linking = new MemberLinking(stack);
        for (String alias : List.of(RATED, SINGLE, BUSY, PLAIN, CHANGING, SHARED)) {
            linking.link(realm, alias, TestMembers.SHERIE, new KeycloakBrowser());
        }
        app = realm.api().as(realm.token(TestRealm.USER, "openid patient/*.read"));
        realm.addUser(OTHER_USER);
        linking.link(realm, BUSY, OTHER_USER, TestMembers.DELMAR, new KeycloakBrowser());
        linking.link(realm, SHARED, OTHER_USER, TestMembers.DELMAR, new KeycloakBrowser());
        otherMember = realm.api().as(realm.token(OTHER_USER, "openid patient/*.read"));
    }

    @AfterAll
    void dropRealm() throws Exception {
        realm.delete();
    }

    @Nested
    @DisplayName("Given a plan capped at two requests per second")
    class CappedPerSecond {

        @Test
        void aBurstPastMaxRequestsPerSecondIs429WithRetryAfterAndThePlanGetsNoMoreThanTheCap() throws Exception {
            Instant since = Instant.now();
            long started = System.nanoTime();
            List<ApiResponse> burst = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                burst.add(app.fhir(RATED).get("Coverage"));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            List<ApiResponse> refused = burst.stream().filter(r -> r.status() != 200).toList();
            assertFalse(refused.isEmpty(), "10 reads in " + took.toMillis() + " ms at 2 per second");
            for (ApiResponse response : refused) {
                assertRefusedWithoutCallingPlan(response, 429);
                assertTrue(retryAfter(response) >= 1, response.headers()::toString);
                assertTrue(response.body().contains("maxRequestsPerSecond"), response::toString);
            }
            int atPlan = plan().requestCount(Area.FHIR);
            assertEquals(burst.size() - refused.size(), atPlan);
            assertTrue(atPlan <= mostAllowedAtTwoPerSecond(took), atPlan + " reads reached the plan in " + took);
            assertEquals(Collections.nCopies(refused.size(), "too_many_requests"), errorsOf(RATED, since),
                "what the administrator sees");
        }

        @Test
        void anAppThatHonoursRetryAfterGetsEveryReadAtTheCapsPace() throws Exception {
            long started = System.nanoTime();

            List<Integer> statuses = AtOnce.statuses(10,
                i -> RetryAfter.honoured(() -> app.fhir(RATED).get("Coverage")).status());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertEquals(List.of(200), statuses.stream().distinct().toList(), statuses.toString());
            assertEquals(10, plan().requestCount(Area.FHIR), "each read reached the plan once, none of the refusals");
            assertTrue(10 <= mostAllowedAtTwoPerSecond(took), "10 reads in " + took + " at 2 per second");
        }
    }

    @Nested
    @DisplayName("Given a plan capped at one request at a time")
    class CappedConcurrency {

        @Test
        void aSecondRequestWhileMaxConcurrentRequestsAreOpenIs429WithoutReachingThePlan() throws Exception {
            plan().latency(Area.FHIR, Duration.ofSeconds(2));
            ExecutorService background = Executors.newSingleThreadExecutor();
            try {
                Future<ApiResponse> first = background.submit(() -> app.fhir(SINGLE).get("Coverage"));
                awaitPlanRequests(1);

                ApiResponse second = app.fhir(SINGLE).get("Coverage");

                assertRefusedWithoutCallingPlan(second, 429);
                assertTrue(retryAfter(second) >= 1, second.headers()::toString);
                assertTrue(second.body().contains("maxConcurrentRequests"), second::toString);
                assertEquals(200, first.get(30, TimeUnit.SECONDS).status());
            } finally {
                background.shutdownNow();
            }
            plan().latency(Area.FHIR, Duration.ZERO);
            assertEquals(200, app.fhir(SINGLE).get("Coverage").status(),
                "the slot is free once the answer was passed on");
        }
    }

    @Nested
    @DisplayName("Given a plan capped at two requests at a time, linked by two members")
    class SharedConcurrency {

        @Test
        void oneMemberHoldsNoMoreThanTheirShareOfAPlansConcurrentRequestsAndAnotherIsServed() throws Exception {
            plan().latency(Area.FHIR, Duration.ofSeconds(2));
            ExecutorService background = Executors.newSingleThreadExecutor();
            try {
                Future<ApiResponse> first = background.submit(() -> app.fhir(SHARED).get("Coverage"));
                awaitPlanRequests(1);

                ApiResponse second = app.fhir(SHARED).get("Coverage");
                ApiResponse others = otherMember.fhir(SHARED).get("Coverage");

                assertRefusedWithoutCallingPlan(second, 429);
                assertTrue(second.body().contains("share") && second.body().contains("maxConcurrentRequests"),
                    second::toString);
                assertEquals(200, others.status(), "the plan's other slot is another member's: " + others);
                assertEquals(200, first.get(30, TimeUnit.SECONDS).status());
            } finally {
                background.shutdownNow();
            }
        }
    }

    @Nested
    @DisplayName("Given a plan that throttles or is down for maintenance")
    class PlanAsksToWait {

        @Test
        void aPlansOwn429IsPassedOnWithItsRetryAfterAndNothingIsSentUntilItEnds() throws Exception {
            Instant since = Instant.now();
            plan().failNext(Area.FHIR, 1, Fault.throttled(Duration.ofSeconds(3)));

            ApiResponse throttled = app.fhir(BUSY).get("Coverage");
            ApiResponse meanwhile = app.fhir(BUSY).get("ExplanationOfBenefit");

            assertAnsweredWithOperationOutcome(throttled, 429);
            assertTrue(Math.abs(retryAfter(throttled) - 3) <= 1, throttled.headers()::toString);
            assertTrue(throttled.body().contains("asked this server to slow down"), throttled::toString);
            assertFalse(throttled.body().contains("Injected"), "the plan's own words are never passed on");
            assertRefusedWithoutCallingPlan(meanwhile, 429);
            assertTrue(retryAfter(meanwhile) >= 1 && retryAfter(meanwhile) <= retryAfter(throttled),
                meanwhile.headers()::toString);
            assertEquals(1, plan().requestCount(Area.FHIR));
            // Plans rate-limit per token: the wait the plan asked of one member does not hold another one.
            assertEquals(200, otherMember.fhir(BUSY).get("Coverage").status(), "another member is served");
            assertEquals(2, plan().requestCount(Area.FHIR));

            Thread.sleep(retryAfter(meanwhile) * 1000L);
            assertEquals(200, app.fhir(BUSY).get("Coverage").status(), "the plan's wait is over");
            assertEquals(3, plan().requestCount(Area.FHIR));
            assertEquals(List.of("plan_throttled", "plan_throttled"), errorsOf(BUSY, since),
                "the administrator tells the plan's throttling from this server's caps");
        }

        @Test
        void aPlanDownForMaintenanceIs503WithItsRetryAfterUntilItEnds() throws Exception {
            Instant since = Instant.now();
            plan().failNext(Area.FHIR, 1, Fault.status(503).withRetryAfter(Duration.ofSeconds(1)));

            ApiResponse down = app.fhir(BUSY).get("Coverage");
            ApiResponse meanwhile = app.fhir(BUSY).get("Coverage");

            assertAnsweredWithOperationOutcome(down, 503);
            assertEquals(1, retryAfter(down), down.headers()::toString);
            assertTrue(down.body().contains("temporarily unavailable"), down::toString);
            assertRefusedWithoutCallingPlan(meanwhile, 503);
            assertEquals(List.of("plan_unavailable", "plan_unavailable"), errorsOf(BUSY, since));
            Thread.sleep(retryAfter(meanwhile) * 1000L);
            assertEquals(200, app.fhir(BUSY).get("Coverage").status());
            assertEquals(2, plan().requestCount(Area.FHIR));
        }
    }

    @Nested
    @DisplayName("Given a plan without caps")
    class Uncapped {

        @Test
        void aPlanWithoutCapsIsNotSlowedDown() throws Exception {
            List<Integer> atOnce = AtOnce.statuses(4, i -> app.fhir(PLAIN).get("Coverage").status());
            List<Integer> oneAfterAnother = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                oneAfterAnother.add(app.fhir(PLAIN).get("Coverage").status());
            }

            assertEquals(List.of(200), atOnce.stream().distinct().toList(), atOnce.toString());
            assertEquals(List.of(200), oneAfterAnother.stream().distinct().toList(), oneAfterAnother.toString());
            assertEquals(16, plan().requestCount(Area.FHIR));
        }

        @Test
        void aCapSetOrRemovedInThePlansSettingsAppliesToTheNextRequest() throws Exception {
            assertEquals(List.of(200, 200, 200), threeReads(CHANGING));

            changePlan(CHANGING, c -> c.put("maxRequestsPerSecond", "1"));
            assertEquals(List.of(200, 429, 429), threeReads(CHANGING));

            changePlan(CHANGING, c -> c.remove("maxRequestsPerSecond"));
            assertEquals(List.of(200, 200, 200), threeReads(CHANGING));
        }
    }

    private List<Integer> threeReads(String alias) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            statuses.add(app.fhir(alias).get("Coverage").status());
        }
        return statuses;
    }

    /** An administrator saves the plan's settings with {@code change} (endpoints and client as they were). */
    private void changePlan(String alias, Consumer<Map<String, String>> change) throws Exception {
        realm.admin.put("identity-provider/instances/" + alias, realm.plan(alias, Track.TEST, change)).expect(204);
    }

    /** What the token bucket lets through at 2 per second in {@code elapsed}: its burst of 2, then 2 each second. */
    private static int mostAllowedAtTwoPerSecond(Duration elapsed) {
        return 2 + (int) Math.ceil(elapsed.toNanos() * 2 / 1e9);
    }

    private static int retryAfter(ApiResponse response) {
        return Integer.parseInt(response.header("Retry-After").orElseThrow(() -> new AssertionError(
            "no Retry-After: " + response)));
    }

    private SandboxControls plan() {
        return stack.sandbox().controls();
    }

    private void awaitPlanRequests(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (plan().requestCount(Area.FHIR) < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(count, plan().requestCount(Area.FHIR), "requests at the plan");
    }

    /** The audit's error codes of the proxy requests to {@code alias} since {@code since}, oldest first. */
    private List<String> errorsOf(String alias, Instant since) throws Exception {
        JsonNode events = realm.admin.get("events?max=500&type=IDENTITY_PROVIDER_RETRIEVE_TOKEN_ERROR");
        List<String> errors = new ArrayList<>(StreamSupport.stream(events.spliterator(), false)
            .filter(e -> alias.equals(e.path("details").path("identity_provider").asText()))
            .filter(e -> e.path("time").asLong() >= since.toEpochMilli())
            .map(e -> e.path("error").asText())
            .toList());
        Collections.reverse(errors); // Keycloak lists the newest first
        return errors;
    }
}
