package dev.payeraccess.it;

import static dev.payeraccess.it.Refusals.assertRefusedWithoutCallingPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.Area;
import dev.payeraccess.sandbox.control.Fault;
import dev.payeraccess.sandbox.control.IdleClose;
import dev.payeraccess.sandbox.control.ReceivedRequest;
import dev.payeraccess.sandbox.control.SandboxControls;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The proxy keeps a member's plan token usable: it renews an expiring token once however many requests
 * arrive together, saves the rotated refresh token, and turns a refused renewal into 409
 * {@code relink-required} instead of failing forever.
 */
@ExtendWith(PayerAccessStack.class)
class TokenRenewalIT {

    /** The sandbox's tokens live this long at linking; past half of it the proxy renews first. */
    private static final Duration SHORT_LIFETIME = Duration.ofSeconds(2);

    private KeycloakStack stack;

    @BeforeEach
    void setUp(KeycloakStack stack) {
        this.stack = stack;
    }

    @Nested
    @DisplayName("Given a member's expired plan token and a plan that renews it")
    class ExpiredToken {

        /**
         * Fifty requests at once, as an app that honours {@code Retry-After} sends them: the proxy admits a
         * member's share of them at a time (the rest get 429 and come back), and however many race the expired
         * token, the plan sees exactly one refresh.
         */
        @Test
        void fiftyConcurrentRequestsOnAnExpiredTokenCauseExactlyOneRefresh() throws Exception {
            Linked linked = linkWithShortLivedToken("flight");
            stack.sandbox().controls().reset(); // long-lived tokens from now on, counters at zero
            Thread.sleep(SHORT_LIFETIME.toMillis());

            List<Integer> statuses = AtOnce.statuses(50,
                i -> RetryAfter.honoured(() -> linked.get("Coverage")).status());

            assertEquals(List.of(200), statuses.stream().distinct().toList(), statuses.toString());
            assertEquals(1, refreshes(), "refresh grants at the plan");
            assertEquals(50, stack.sandbox().controls().requestCount(Area.FHIR));
            assertEquals("active", linked.link().get("tokenState").asText());
            linked.realm.delete();
        }

        @Test
        void theRotatedRefreshTokenIsSavedSoTheNextRenewalWorksToo() throws Exception {
            Linked linked = linkWithShortLivedToken("rotate");

            for (int round = 1; round <= 2; round++) {
                Thread.sleep(SHORT_LIFETIME.toMillis());
                ApiResponse response = linked.get("Coverage");
                assertEquals(200, response.status(), "round " + round + ": " + response);
            }
            assertEquals(2, refreshes(), "each round renewed once, the second with the rotated refresh token");
            linked.realm.delete();
        }
    }

    @Nested
    @DisplayName("Given a plan that refuses to renew the token")
    class RefusedRenewal {

        @Test
        void aRefusedRefreshAnswers409RelinkRequiredAndLeavesNoUsableToken() throws Exception {
            Linked linked = linkWithShortLivedToken("refused");
            stack.sandbox().controls().refuseRefreshes(true);
            Thread.sleep(SHORT_LIFETIME.toMillis());

            ApiResponse refused = linked.get("Coverage");
            ApiResponse again = linked.get("Coverage");

            assertEquals(409, refused.status(), refused::toString);
            assertTrue(refused.body().contains("relink-required") && refused.body().contains("kc_action=idp_link"),
                refused.body());
            assertRefusedWithoutCallingPlan(again, 409); // stays refused without asking the plan again
            assertEquals(1, refreshes());
            JsonNode link = linked.link();
            assertEquals("relink-required", link.get("tokenState").asText());
            assertEquals("plan-refused-renewal", link.path("relinkReason").asText(), link::toString);
            linked.realm.delete();
        }

        /**
         * The member signs in to the app through Keycloak's real pages and is asked to reconnect the plan that
         * refused ("Reconnect your health plan", a required action reading the link schedule): "Reconnect" leads
         * through Keycloak's own linking to the plan's page; "Later" lets them in and the next sign-in within the
         * postponement asks nothing.
         */
        @Test
        void aMemberWhosePlanRefusedIsAskedToReconnectAtSignInAndLaterLetsThemIn() throws Exception {
            Linked linked = linkWithShortLivedToken("reconnect");
            linked.realm.admin.post("authentication/register-required-action", Map.of(
                "providerId", "payer-access-reconnect", "name", "Reconnect your health plan")).expect(204);
            MemberLinking walk = new MemberLinking(stack);
            KeycloakBrowser before = new KeycloakBrowser();
            assertSignedInToTheApp(walk.signIn(linked.realm, TestRealm.USER, before)); // nothing to reconnect yet
            stack.sandbox().controls().refuseRefreshes(true);
            Thread.sleep(SHORT_LIFETIME.toMillis());
            assertEquals(409, linked.get("Coverage").status());

            KeycloakBrowser reconnecting = new KeycloakBrowser();
            HttpResponse<String> prompt = walk.signIn(linked.realm, TestRealm.USER, reconnecting);
            assertEquals(200, prompt.statusCode(), prompt::toString);
            assertTrue(prompt.body().contains("Reconnect your health plan")
                && prompt.body().contains("asked you to connect again"), prompt.body());
            HttpResponse<String> confirmation = reconnecting.follow(reconnecting.post(
                KeycloakBrowser.formAction(prompt, "reconnect-form"), Map.of("choice", "reconnect:plan")),
                TestRealm.APP_REDIRECT);
            HttpResponse<String> planPage = reconnecting.follow(reconnecting.confirmLink(confirmation),
                TestRealm.APP_REDIRECT);
            assertTrue(planPage.uri().toString().startsWith(stack.sandbox().urls().base()),
                "expected the plan's page, got " + planPage.uri() + "\n" + planPage.body());

            KeycloakBrowser later = new KeycloakBrowser();
            HttpResponse<String> again = walk.signIn(linked.realm, TestRealm.USER, later);
            assertTrue(again.body().contains("Reconnect your health plan"), again::toString);
            assertSignedInToTheApp(later.follow(later.post(KeycloakBrowser.formAction(again, "reconnect-form"),
                Map.of("choice", "later")), TestRealm.APP_REDIRECT));
            assertSignedInToTheApp(walk.signIn(linked.realm, TestRealm.USER, new KeycloakBrowser()));
            linked.realm.delete();
        }

        /**
         * A plan that rejects a token it renewed moments ago and then refuses the refresh does not end the
         * member's grant here: the app sees 502, and the link keeps its tokens instead of being wiped.
         */
        @Test
        void aRefusalRightAfterARenewalDoesNotWipeTheLink() throws Exception {
            Linked linked = linkWithShortLivedToken("fresh");
            stack.sandbox().controls().reset(); // long-lived tokens from now on
            Thread.sleep(SHORT_LIFETIME.toMillis());
            assertEquals(200, linked.get("Coverage").status(), "renewed once on expiry");
            stack.sandbox().controls().refuseRefreshes(true).failAlways(Area.FHIR, Fault.status(401));

            ApiResponse rejected = linked.get("Coverage");

            assertEquals(502, rejected.status(), rejected::toString);
            assertTrue(rejected.isOperationOutcome() && rejected.body().contains("link is kept"), rejected::toString);
            assertEquals(2, refreshes(), "one renewal on expiry, one tried after the rejection");
            assertEquals("active", linked.link().get("tokenState").asText(), "the link keeps its tokens");
            linked.realm.delete();
        }
    }

    @Nested
    @DisplayName("Given a plan that fails or throttles while renewing")
    class FailingRenewal {

        /**
         * A 503 from the token endpoint says the plan did not renew: the renewal asks once more after a short pause
         * while the reads wait, and they get 200. A 504 is a gateway that stopped waiting while the plan may have
         * renewed: that refresh is not sent again (it may have spent the rotating refresh token), the app gets 502,
         * and the link stays renewable.
         */
        @Test
        void aPlanFailingDuringRenewalIsAskedOnceMoreOnlyWhenItCannotHaveRenewed() throws Exception {
            Linked linked = linkWithShortLivedToken("failing");
            Thread.sleep(SHORT_LIFETIME.toMillis());
            stack.sandbox().controls().failNext(Area.TOKEN, 1, Fault.status(503));

            List<Integer> statuses = AtOnce.statuses(3, i -> linked.get("Coverage").status());

            assertEquals(List.of(200, 200, 200), statuses);
            assertEquals(2, refreshes(), "the 503 and the second attempt");

            Thread.sleep(SHORT_LIFETIME.toMillis());
            stack.sandbox().controls().failNext(Area.TOKEN, 1, Fault.status(504));
            ApiResponse failed = linked.get("Coverage");
            ApiResponse recovered = linked.get("Coverage");

            assertEquals(502, failed.status(), failed::toString);
            assertTrue(failed.body().contains("OperationOutcome") && !failed.body().contains("sbx_"), failed.body());
            assertEquals(200, recovered.status(), recovered::toString);
            assertEquals(4, refreshes(), "the 504, not repeated, and the next read's");
            linked.realm.delete();
        }

        /**
         * A token is renewed before it expires (here 5 s before, tokens living 10 s). When that renewal fails for a
         * reason that says nothing about the grant, the reads waiting for it are not failed: they use the token the
         * link holds, which the plan still takes, and a later read renews.
         */
        @Test
        void readsKeepTheTokenTheyHaveWhenItsEarlyRenewalFails() throws Exception {
            Linked linked = linkWithShortLivedToken("early", Duration.ofSeconds(10));
            Thread.sleep(5_300);
            // The plan takes its time and then fails, so the four reads all wait for the one renewal.
            stack.sandbox().controls().latency(Area.TOKEN, Duration.ofMillis(200))
                .failNext(Area.TOKEN, 1, Fault.status(502));

            List<Integer> statuses = AtOnce.statuses(4, i -> linked.get("Coverage").status());

            assertEquals(List.of(200, 200, 200, 200), statuses);
            assertEquals(1, refreshes(), "the failed renewal, not repeated");
            assertEquals(200, linked.get("Coverage").status());
            assertEquals(2, refreshes(), "renewed by the next read");
            linked.realm.delete();
        }

        /** A token endpoint that throttles is not a refused grant: the app is told the plan's wait, the link stays. */
        @Test
        void aThrottledRenewalPassesThePlansWaitOnAndTheLinkStaysRenewable() throws Exception {
            Linked linked = linkWithShortLivedToken("throttled");
            Thread.sleep(SHORT_LIFETIME.toMillis());
            stack.sandbox().controls().failNext(Area.TOKEN, 1, Fault.throttled(Duration.ofSeconds(4)));

            ApiResponse throttled = linked.get("Coverage");
            ApiResponse later = linked.get("Coverage");

            assertEquals(429, throttled.status(), throttled::toString);
            assertEquals("4", throttled.header("Retry-After").orElseThrow());
            assertTrue(throttled.isOperationOutcome() && throttled.body().contains("renewed the member's token"),
                throttled::toString);
            assertEquals(200, later.status(), "the grant was not ended: " + later);
            linked.realm.delete();
        }
    }

    @Nested
    @DisplayName("Given a plan whose refresh tokens lapse when unused")
    class LapsingRefreshTokens {

        /**
         * The plan's refresh tokens lapse after 6 s unused (it says so in {@code refresh_expires_in}), its access
         * tokens live 3 s. The member links and no app reads for 9 s: without the background renewal the next read
         * would find the refresh token lapsed and the member would have to connect again. The stack runs a round every
         * second, which renews the link half-way through each refresh token's idle lifetime.
         */
        @Test
        void aLinkNoAppReadsStaysAlivePastItsRefreshTokensIdleLifetime() throws Exception {
            stack.sandbox().controls().refreshTokenIdleLifetime(Duration.ofSeconds(6));
            Linked linked = linkWithShortLivedToken("idle", Duration.ofSeconds(3));

            Thread.sleep(9_000);
            long renewedUnread = refreshes();
            ApiResponse read = linked.get("Coverage");

            assertTrue(renewedUnread >= 2, renewedUnread + " renewals while no app read");
            assertEquals(200, read.status(), read::toString);
            assertEquals("active", linked.link().get("tokenState").asText());
            linked.realm.delete();
        }
    }

    @Nested
    @DisplayName("Given a plan whose servers end keep-alive connections")
    class EndedConnections {

        /**
         * Plans sit behind servers and load balancers that end idle keep-alive connections, not always saying so, and
         * sometimes just as a request arrives. Over many renewals (plan tokens living 2 s, so each is renewed a second
         * into its life) and reads with pauses, no read fails: the token endpoint gets a connection of its own for
         * each call, and a read that meets an ended connection is sent again on a new one.
         */
        @Test
        void noReadFailsWhileThePlanEndsConnectionsToldSilentlyOrAsRequestsArrive() throws Exception {
            Linked linked = linkWithShortLivedToken("endings");
            assertEquals(200, linked.get("Coverage").status(), "a first read, before the plan ends connections");
            Map<String, Consumer<SandboxControls>> endings = new LinkedHashMap<>();
            endings.put("idle connections closed after 150 ms, told; every 3rd reused one as a request arrives",
                plan -> plan.closeIdleConnections(Duration.ofMillis(150), IdleClose.TOLD)
                    .closeReusedConnectionsOnArrival(3));
            endings.put("idle connections forgotten after 150 ms, silently; every 3rd reused one as a request arrives",
                plan -> plan.closeIdleConnections(Duration.ofMillis(150), IdleClose.SILENT)
                    .closeReusedConnectionsOnArrival(3));

            for (Map.Entry<String, Consumer<SandboxControls>> ending : endings.entrySet()) {
                SandboxControls plan = stack.sandbox().controls();
                plan.reset();
                plan.accessTokenLifetime(SHORT_LIFETIME);
                ending.getValue().accept(plan);

                List<ApiResponse> answers = PausingReaders.answers(3, Duration.ofMillis(2_500),
                    Duration.ofMillis(300), reader -> linked.get("Coverage"));

                assertEquals(List.of(), PausingReaders.failed(answers), ending.getKey());
                assertTrue(refreshes() >= 2, ending.getKey() + ": " + refreshes() + " renewals");
                assertTrue(plan.requestsUnanswered() > 0, ending.getKey() + ": no request met an ended connection");
            }
            linked.realm.delete();
        }
    }

    private record Linked(TestRealm realm, PayerAccessApi app) {

        ApiResponse get(String pathAndQuery) throws Exception {
            return app.fhir("plan").get(pathAndQuery);
        }

        JsonNode link() throws Exception {
            return app.links().list().expect(200).json().get(0);
        }
    }

    private Linked linkWithShortLivedToken(String prefix) throws Exception {
        return linkWithShortLivedToken(prefix, SHORT_LIFETIME);
    }

    private Linked linkWithShortLivedToken(String prefix, Duration lifetime) throws Exception {
        TestRealm realm = TestRealm.create(stack, prefix);
        realm.addSmartScopes();
        realm.addPlan(realm.plan("plan", Track.TEST));
        stack.sandbox().controls().accessTokenLifetime(lifetime);
        MemberLinking walk = new MemberLinking(stack);
        KeycloakBrowser browser = new KeycloakBrowser();
        String appToken = walk.appAccessToken(realm, walk.link(realm, "plan", TestMembers.SHERIE, browser), browser);
        return new Linked(realm, realm.api().as(appToken));
    }

    private static void assertSignedInToTheApp(HttpResponse<String> end) {
        assertTrue(KeycloakBrowser.isRedirect(end) && KeycloakBrowser.location(end).startsWith(TestRealm.APP_REDIRECT)
            && KeycloakBrowser.location(end).contains("code="), () -> "not signed in to the app: HTTP "
            + end.statusCode() + " " + end.uri() + "\n" + end.body());
    }

    private long refreshes() {
        return stack.sandbox().controls().requests(Area.TOKEN).stream().filter(TokenRenewalIT::isRefresh).count();
    }

    private static boolean isRefresh(ReceivedRequest request) {
        return request.grantType().map("refresh_token"::equals).orElse(false);
    }
}
