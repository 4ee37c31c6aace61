package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.Area;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A member unlinks a plan while the proxy is renewing their token: the plan has already rotated the refresh
 * token when the unlink revokes the old one, so only the renewal can end the new grant. It must, or a valid
 * refresh token would stay behind at the plan with no link that could ever revoke it.
 */
@ExtendWith(PayerAccessStack.class)
class UnlinkDuringRenewalIT {

    private static final Duration SHORT_LIFETIME = Duration.ofSeconds(2);
    /** How long the plan holds its answer after it rotated the refresh token. */
    private static final Duration SLOW_ANSWER = Duration.ofSeconds(3);

    private KeycloakStack stack;

    @BeforeEach
    void setUp(KeycloakStack stack) {
        this.stack = stack;
    }

    @Test
    void tokensRotatedWhileTheMemberUnlinkedAreRevokedAtThePlan() throws Exception {
        TestRealm realm = TestRealm.create(stack, "race");
        realm.addSmartScopes();
        realm.addPlan(realm.plan("plan", Track.TEST));
        stack.sandbox().controls().accessTokenLifetime(SHORT_LIFETIME);
        Set<String> before = stack.sandbox().grants().everIssued();
        MemberLinking walk = new MemberLinking(stack);
        KeycloakBrowser browser = new KeycloakBrowser();
        PayerAccessApi app = realm.api().as(
            walk.appAccessToken(realm, walk.link(realm, "plan", TestMembers.SHERIE, browser), browser));
        PayerAccessApi manager = realm.api().as(realm.token(TestRealm.USER, "openid payer-links:manage"));
        Thread.sleep(SHORT_LIFETIME.toMillis());
        stack.sandbox().controls().answerDelay(Area.TOKEN, SLOW_ANSWER);

        CompletableFuture<ApiResponse> read = CompletableFuture.supplyAsync(() -> coverage(app));
        awaitRefreshAtThePlan();
        ApiResponse unlinked = manager.links().delete("plan");
        ApiResponse racing = read.get(30, TimeUnit.SECONDS);
        Set<String> issued = new HashSet<>(stack.sandbox().grants().everIssued());
        issued.removeAll(before);

        assertEquals(200, unlinked.status(), unlinked::toString);
        assertEquals(409, racing.status(), racing::toString);
        assertEquals(4, issued.size(),
            "linking and the renewal each issued an access and a refresh token: " + issued.size());
        assertEquals(List.of(), awaitAllRevoked(issued), "tokens still valid at the plan after the unlink");
        assertEquals(0, realm.links().size());
        realm.delete();
    }

    private void awaitRefreshAtThePlan() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (stack.sandbox().controls().requests(Area.TOKEN).stream()
            .noneMatch(r -> r.grantType().map("refresh_token"::equals).orElse(false))) {
            assertTrue(Instant.now().isBefore(deadline), "the proxy never asked the plan to renew");
            Thread.sleep(50);
        }
    }

    /** The tokens still valid once the renewal's answer arrived and was dealt with (or after 15 s). */
    private List<String> awaitAllRevoked(Set<String> issued) throws InterruptedException {
        Instant deadline = Instant.now().plus(SLOW_ANSWER).plusSeconds(12);
        List<String> active = active(issued);
        while (!active.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            active = active(issued);
        }
        return active.stream().map(t -> t.substring(0, 10) + "...").toList();
    }

    private List<String> active(Set<String> issued) {
        return issued.stream().filter(stack.sandbox().grants()::isActive).toList();
    }

    private static ApiResponse coverage(PayerAccessApi app) {
        try {
            return app.fhir("plan").get("Coverage");
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
