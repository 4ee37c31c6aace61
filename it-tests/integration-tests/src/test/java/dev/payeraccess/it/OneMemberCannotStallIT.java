package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One member floods a plan that answers slowly; everyone else keeps signing in and reading at normal
 * speed: the member's share of the proxy is capped (a short queue, then 429 with Retry-After at once), and
 * the proxy reads plans through its own connection pool, not the one Keycloak signs people in with. A
 * browser's first screen, a few reads at once, is not a flood: it waits its turn and is answered.
 */
@ExtendWith(PayerAccessStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OneMemberCannotStallIT {

    private static final Duration SLOW_PLAN = Duration.ofSeconds(6);
    private static final Duration FAST_ENOUGH = Duration.ofSeconds(2);

    private KeycloakStack stack;
    private TestRealm realm;

    @BeforeAll
    void linkTwoMembers(KeycloakStack stack) throws Exception {
        this.stack = stack;
        realm = TestRealm.create(stack, "stall");
        realm.addSmartScopes();
        realm.addPlan(realm.plan("test", Track.TEST, c -> c.put("upstreamTimeoutMs", "20000")));
        MemberLinking linking = new MemberLinking(stack);
        linking.link(realm, "test", TestMembers.SHERIE, new KeycloakBrowser());
        realm.addUser("neighbour");
        KeycloakBrowser browser = new KeycloakBrowser();
        HttpResponse<String> planPage = linking.toPlanPage(realm, "test", "neighbour", browser);
        browser.follow(browser.verifyMember(planPage, MemberLinking.memberForm(TestMembers.DELMAR)),
            TestRealm.APP_REDIRECT);
    }

    @AfterAll
    void dropRealm() throws Exception {
        realm.delete();
    }

    @Test
    void aBrowsersSixParallelReadsOnOneLinkAreAllAnsweredWithout429() throws Exception {
        stack.sandbox().controls().latency("/r4/ExplanationOfBenefit", Duration.ofSeconds(1));
        PayerAccessApi browser = realm.api().as(realm.token("neighbour", "openid patient/*.read"));

        List<Integer> statuses = AtOnce.statuses(6, i -> browser.fhir("test").get("ExplanationOfBenefit?_count="
            + (i + 1)).status());

        assertEquals(List.of(200, 200, 200, 200, 200, 200), statuses,
            "4 at once (the per-link cap), 2 wait their turn");
    }

    @Test
    void aHundredSlowReadsOfOneMemberLeaveOthersSigningInAndReadingFast() throws Exception {
        stack.sandbox().controls().latency("/r4/Coverage", SLOW_PLAN);
        PayerAccessApi flooder = realm.api().as(realm.token(TestRealm.USER, "openid patient/*.read"));
        PayerAccessApi neighbour = realm.api().as(realm.token("neighbour", "openid patient/*.read"));
        ExecutorService clients = Executors.newFixedThreadPool(100);
        try {
            long floodStarted = System.nanoTime();
            List<Future<Timed>> flood = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                flood.add(clients.submit(() -> {
                    ApiResponse answer = flooder.fhir("test").get("Coverage");
                    return new Timed(answer, Duration.ofNanos(System.nanoTime() - floodStarted));
                }));
            }
            Thread.sleep(500); // the flood is at the plan, or refused

            long signInStarted = System.nanoTime();
            MemberLinking linking = new MemberLinking(stack);
            KeycloakBrowser browser = new KeycloakBrowser();
            String token = linking.appAccessToken(realm, linking.signIn(realm, "neighbour", browser), browser);
            Duration signIn = Duration.ofNanos(System.nanoTime() - signInStarted);
            long readStarted = System.nanoTime();
            ApiResponse read = neighbour.fhir("test").get("ExplanationOfBenefit?_count=1");
            Duration proxied = Duration.ofNanos(System.nanoTime() - readStarted);

            assertTrue(!token.isEmpty() && signIn.compareTo(FAST_ENOUGH) < 0, "sign-in round trip took " + signIn);
            assertEquals(200, read.status(), read::toString);
            assertTrue(proxied.compareTo(FAST_ENOUGH) < 0, "another member's proxied read took " + proxied);

            List<Timed> answers = new ArrayList<>();
            for (Future<Timed> f : flood) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
            Map<Integer, Long> statuses = answers.stream()
                .collect(Collectors.groupingBy(t -> t.answer().status(), Collectors.counting()));
            assertEquals(java.util.Set.of(200, 429), statuses.keySet(), statuses::toString);
            assertTrue(statuses.get(429) >= 90, "most of the flood is refused: " + statuses);
            long refusedEarly = answers.stream().filter(t -> t.answer().status() == 429)
                .filter(t -> t.after().compareTo(SLOW_PLAN) < 0).count();
            assertTrue(refusedEarly >= 85, "refused before the plan answered anyone, not after waiting: " + refusedEarly
                + " of " + statuses);
            ApiResponse refused = answers.stream().map(Timed::answer).filter(a -> a.status() == 429).findFirst()
                .orElseThrow();
            assertTrue(refused.isOperationOutcome() && refused.header("Retry-After").isPresent(), refused::toString);
        } finally {
            clients.shutdownNow();
        }
    }

    /** An answer, and how long after the flood began it came. */
    private record Timed(ApiResponse answer, Duration after) {
    }
}
