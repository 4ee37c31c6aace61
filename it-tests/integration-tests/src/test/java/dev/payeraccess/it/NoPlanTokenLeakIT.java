package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keycloak's log must not hold a single access or refresh token the sandbox ever issued. {@link PayerAccessStack}
 * checks the whole log after every test of the run, so whichever test leaks one fails; this class walks a plan
 * token's whole life on purpose, in whatever order it runs.
 */
@ExtendWith(PayerAccessStack.class)
class NoPlanTokenLeakIT {

    @Test
    void aMembersLinkReadsRenewalAndUnlinkLeaveNoPayerTokenInTheKeycloakLog(KeycloakStack stack) throws Exception {
        TestRealm realm = TestRealm.create(stack, "leak");
        realm.addSmartScopes();
        realm.addPlan(realm.plan("plan", Track.TEST));
        MemberLinking walk = new MemberLinking(stack);
        KeycloakBrowser browser = new KeycloakBrowser();
        PayerAccessApi app = realm.api().as(
            walk.appAccessToken(realm, walk.link(realm, "plan", TestMembers.SHERIE, browser), browser));
        PayerAccessApi manager = realm.api().as(realm.token(TestRealm.USER, "openid payer-links:manage"));

        assertEquals(200, app.fhir("plan").get("Coverage").status(), "a read with the token linking stored");
        stack.sandbox().clock().advance(Duration.ofHours(2)); // the plan now calls the stored token expired
        assertEquals(200, app.fhir("plan").get("Coverage").status(), "a read after the renewal");
        assertEquals("revoked", manager.links().delete("plan").expect(200).json().get("revocation").asText());

        PayerTokens.assertNoneIn(stack, stack.keycloak().logText(), "the Keycloak log " + stack.keycloak().log());
        realm.delete();
    }
}
