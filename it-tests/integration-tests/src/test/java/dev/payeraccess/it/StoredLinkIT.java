package dev.payeraccess.it;

import static dev.payeraccess.it.Refusals.assertRefusedWithoutCallingPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.TestMember;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What linking stored, read back through the product's own path ({@code GET payer-access/links}, which
 * decrypts the stored tokens): the member, the granted scope, a usable or refreshable token, never the token.
 */
@ExtendWith(PayerAccessStack.class)
class StoredLinkIT {

    private KeycloakStack stack;
    private MemberLinking walk;

    @BeforeEach
    void setUp(KeycloakStack stack) {
        this.stack = stack;
        this.walk = new MemberLinking(stack);
    }

    @Nested
    @DisplayName("Given a member who linked a plan, reading their own links")
    class TheMembersOwnLink {

        @Test
        void theLinkHoldsThePatientTheGrantedScopeAndAnActiveToken() throws Exception {
            TestRealm realm = TestRealm.create(stack, "stored");
            realm.addPlan(realm.plan("plan", Track.PAYER2PAYER));

            JsonNode link = onlyLink(realm, linkAndGetToken(realm, TestMembers.MAYTE));

            assertEquals("plan", link.get("alias").asText());
            assertEquals("Demo Health Plan (payer2payer)", link.get("displayName").asText());
            assertEquals(TestMembers.MAYTE.patientId(), link.get("patientId").asText());
            assertEquals(List.of("user/*.read", "openid"), texts(link.get("grantedScopes")));
            assertEquals("active", link.get("tokenState").asText());
            assertTrue(link.get("linkUrl").asText().contains("kc_action=idp_link%3Aplan"), link.toString());
            assertTrue(link.has("linkedAt"));
            realm.delete();
        }

        @Test
        void aShortLivedPlanTokenIsReportedRefreshableBecauseTheRefreshTokenWasStored() throws Exception {
            TestRealm realm = TestRealm.create(stack, "refresh");
            realm.addPlan(realm.plan("plan", Track.TEST));
            stack.sandbox().controls().accessTokenLifetime(Duration.ofSeconds(4));
            String appToken = linkAndGetToken(realm, TestMembers.SHERIE);
            Thread.sleep(2500); // past half the lifetime, the margin for tokens shorter than a minute

            JsonNode link = onlyLink(realm, appToken);

            assertEquals("refreshable", link.get("tokenState").asText());
            realm.delete();
        }

        @Test
        void rotatingTheRealmsKeysKeepsLinksReadableUntilTheOldKeyIsRemoved() throws Exception {
            TestRealm realm = TestRealm.create(stack, "rotate");
            realm.addPlan(realm.plan("plan", Track.TEST));
            String appToken = linkAndGetToken(realm, TestMembers.DELMAR);
            JsonNode oldKeys = realm.admin.get("components?type=org.keycloak.keys.KeyProvider&name=rsa-enc-generated");

            realm.admin.post("components", Map.of("name", "rsa-enc-rotated", "providerId", "rsa-enc-generated",
                "providerType", "org.keycloak.keys.KeyProvider",
                "config", Map.of("priority", List.of("500"), "algorithm", List.of("RSA-OAEP")))).expect(201);
            assertEquals("active", onlyLink(realm, appToken).get("tokenState").asText(), "old key still decrypts");

            realm.admin.delete("components/" + oldKeys.get(0).get("id").asText()).expect(204);
            assertEquals("relink-required", onlyLink(realm, appToken).get("tokenState").asText(),
                "without the key the stored tokens are unreadable: the member relinks");
            realm.delete();
        }
    }

    @Nested
    @DisplayName("Given a caller who is not the member")
    class SomeoneElse {

        @Test
        void linksAreRefusedWith401WithoutABearerTokenOfThisRealm() throws Exception {
            TestRealm realm = TestRealm.create(stack, "auth");
            ApiResponse none = realm.api().as("").links().list();
            ApiResponse garbage = assertRefusedWithoutCallingPlan(realm.api().as("not-a-token").links().list(), 401);

            assertEquals(401, none.status(), none::toString);
            assertTrue(garbage.header("WWW-Authenticate").orElse("").startsWith("Bearer"), garbage::toString);
            realm.delete();
        }

        @Test
        void anotherUsersLinksAreInvisible() throws Exception {
            TestRealm realm = TestRealm.create(stack, "others");
            realm.addPlan(realm.plan("plan", Track.TEST));
            realm.addUser("second");
            linkAndGetToken(realm, TestMembers.GEORGE);
            KeycloakBrowser other = new KeycloakBrowser();
            String secondToken = walk.appAccessToken(realm, walk.signIn(realm, "second", other), other);

            ApiResponse response = realm.api().as(secondToken).links().list();

            assertEquals(200, response.status(), response::toString);
            assertEquals("[]", response.body());
            realm.delete();
        }
    }

    private String linkAndGetToken(TestRealm realm, TestMember member) throws Exception {
        KeycloakBrowser browser = new KeycloakBrowser();
        return walk.appAccessToken(realm, walk.link(realm, "plan", member, browser), browser);
    }

    private JsonNode onlyLink(TestRealm realm, String appToken) throws Exception {
        ApiResponse response = realm.api().as(appToken).links().list();
        assertEquals(200, response.status(), response::toString);
        assertFalse(response.body().contains("sbx_"), "a payer token in the links answer: " + response.body());
        JsonNode links = response.json();
        assertEquals(1, links.size(), response.body());
        return links.get(0);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
