package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.ClientAuthMethod;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * "Test this plan": {@code POST /admin/realms/{realm}/payer-access/plans/{alias}/conformance[?user=...]} against the
 * sandbox, well behaved and in the broken modes real plans have, each answered with the finding and the setting
 * that fixes it. The member has linked the plan once for the whole class; the sandbox's switches change per test.
 */
@ExtendWith(PayerAccessStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanConformanceIT {

    private static final String PLAN = "plan";
    /** What the sandbox serves: the CMS types but PractitionerRole. */
    private static final String SERVED_TYPES = "Patient, Coverage, ExplanationOfBenefit, Organization, Practitioner, "
        + "Location";

    private KeycloakStack stack;
    private TestRealm realm;

    @BeforeAll
    void linkTheMember(KeycloakStack stack) throws Exception {
        this.stack = stack;
        realm = TestRealm.create(stack, "conformance");
        realm.addPlan(realm.plan(PLAN, Track.TEST, c -> c.put("allowedResourceTypes", SERVED_TYPES)));
        new MemberLinking(stack).link(realm, PLAN, TestMembers.SHERIE, new KeycloakBrowser());
    }

    @AfterAll
    void dropRealm() throws Exception {
        realm.delete();
    }

    @Nested
    @DisplayName("Given a plan that follows the standard")
    class WellBehaved {

        @Test
        void everyCheckPassesAndTheScorecardNamesNoTokenOrMemberData() throws Exception {
            ApiResponse answer = check(PLAN, Optional.of(TestRealm.USER));

            JsonNode card = answer.expect(200).json();
            assertEquals(PLAN, card.get("plan").asText());
            for (JsonNode finding : card.get("findings")) {
                assertEquals("pass", finding.get("result").asText(), finding::toString);
            }
            assertEquals(List.of("smart-discovery", "authorization-endpoint", "token-endpoint", "pkce-s256",
                "client-authentication", "revocation-endpoint", "scope-style", "https", "fhir-metadata", "fhir-version",
                "resource-types", "search-parameters", "refresh-token", "access-token-lifetime", "granted-scope",
                "patient-context", "paging"), card.findValuesAsText("check"));
            assertEquals(17, card.at("/summary/pass").asInt());
            assertFalse(answer.body().contains(TestMembers.SHERIE.patientId()), answer.body());
            assertFalse(answer.body().contains("Bearer") || answer.body().contains("access_token"), answer.body());
        }

        /**
         * The sandbox listens on loopback: this node calls it only because the stack starts Keycloak with the
         * development switch, which the https finding names. Without it, saving the plan is refused and nothing is
         * called (the provider's unit tests: PlanConfigValidationTest, PlanFhirCallTest, PlanTokenEndpointTest).
         */
        @Test
        void theSandboxOnLoopbackIsCalledBecauseTheNodeRunsWithTheDevelopmentSwitch() throws Exception {
            JsonNode https = finding(check(PLAN, Optional.empty()).expect(200).json(), "https");

            assertEquals("pass", https.get("result").asText(), https::toString);
            assertTrue(https.get("detail").asText().contains("started with " + KeycloakStack.PRIVATE_ADDRESSES),
                https::toString);
        }

        @Test
        void withoutAMemberTheLinkChecksAreSkipped() throws Exception {
            JsonNode card = check(PLAN, Optional.empty()).expect(200).json();

            assertEquals("skipped", finding(card, "refresh-token").get("result").asText());
            assertEquals("skipped", finding(card, "paging").get("result").asText());
            assertEquals(0, card.at("/summary/fail").asInt());
        }
    }

    @Nested
    @DisplayName("Given a plan that bends the standard")
    class Broken {

        @Test
        void withoutDiscoveryItWarnsThatEndpointsMustBeTypedAndSkipsWhatDependsOnIt() throws Exception {
            stack.sandbox().controls().smartConfigurationPublished(false);

            JsonNode card = check(PLAN, Optional.empty()).expect(200).json();

            JsonNode discovery = finding(card, "smart-discovery");
            assertEquals("warn", discovery.get("result").asText());
            assertTrue(discovery.get("detail").asText().contains("answered HTTP 404"), discovery::toString);
            assertEquals("skipped", finding(card, "pkce-s256").get("result").asText());
            assertEquals("pass", finding(card, "revocation-endpoint").get("result").asText(), "typed, so still known");
            assertEquals(0, card.at("/summary/fail").asInt());
        }

        @Test
        void aBasicOnlyPlanConfiguredWithPostFailsAndSuggestsBasic() throws Exception {
            stack.sandbox().controls().clientAuthentication(ClientAuthMethod.CLIENT_SECRET_BASIC_ONLY);

            JsonNode card = check(PLAN, Optional.empty()).expect(200).json();

            JsonNode auth = finding(card, "client-authentication");
            assertEquals("fail", auth.get("result").asText(), auth::toString);
            assertEquals(Map.of("clientAuthMethod", "client_secret_basic"), suggests(auth));
        }

        @Test
        void aPlanIssuingNoRefreshTokenNorPatientContextSuggestsRefreshTokensNoneAndThePatientSource()
            throws Exception {
            stack.sandbox().controls().refreshTokensIssued(false).patientContextSent(false);
            realm.addPlan(realm.plan("sparse", Track.TEST, c -> c.put("allowedResourceTypes", SERVED_TYPES)));
            new MemberLinking(stack).link(realm, "sparse", TestMembers.SHERIE, new KeycloakBrowser());

            JsonNode card = check("sparse", Optional.of(TestRealm.USER)).expect(200).json();

            assertEquals(Map.of("refreshTokens", "none"), suggests(finding(card, "refresh-token")));
            assertEquals(Map.of("patientSource", "id_token, search"), suggests(finding(card, "patient-context")));
            assertEquals("warn", finding(card, "refresh-token").get("result").asText());
        }

        @Test
        void nextLinksOnTheSecondHostSuggestItAsAPagingHost() throws Exception {
            stack.sandbox().controls().nextLinksOnSecondHost(true);

            JsonNode paging = finding(check(PLAN, Optional.of(TestRealm.USER)).expect(200).json(), "paging");

            assertEquals("warn", paging.get("result").asText(), paging::toString);
            assertEquals(Map.of("pagingHosts", stack.sandbox().urls().pagingHostBase()), suggests(paging));
        }

        @Test
        void offsetPagingWithoutNextLinksSuggestsPagingModeOffset() throws Exception {
            stack.sandbox().controls().offsetPaging("startIndex");

            JsonNode paging = finding(check(PLAN, Optional.of(TestRealm.USER)).expect(200).json(), "paging");

            assertEquals("warn", paging.get("result").asText(), paging::toString);
            assertEquals(Map.of("pagingMode", "offset"), suggests(paging));
        }
    }

    @Nested
    @DisplayName("Given a caller or a name the check cannot serve")
    class Refused {

        @Test
        void aViewOnlyAdministratorGets403AndAnAnonymousCaller401() throws Exception {
            realm.addUser("auditor");
            JsonNode management = realm.admin.get("clients?clientId=realm-management").get(0);
            String clientUuid = management.get("id").asText();
            JsonNode role = realm.admin.get("clients/" + clientUuid + "/roles/view-identity-providers");
            realm.admin.post("users/" + realm.userId("auditor") + "/role-mappings/clients/" + clientUuid, List.of(role))
                .expect(204);
            String auditor = realm.token("admin-cli", "auditor", "openid");

            assertEquals(403, post(PLAN, "", Optional.of(auditor)).status());
            assertEquals(401, post(PLAN, "", Optional.empty()).status());
        }

        @Test
        void anUnknownPlanOrUserOrAUserWithoutALinkIs404() throws Exception {
            realm.addUser("unlinked");

            assertEquals(404, check("no-such-plan", Optional.empty()).status());
            assertEquals(404, check(PLAN, Optional.of("no-such-user")).status());
            ApiResponse unlinked = check(PLAN, Optional.of("unlinked"));
            assertEquals(404, unlinked.status());
            assertTrue(unlinked.json().get("errorMessage").asText().contains("has not linked"), unlinked::toString);
        }
    }

    private ApiResponse check(String alias, Optional<String> user) throws Exception {
        return realm.admin.post("payer-access/plans/" + alias + "/conformance" + user.map(u -> "?user=" + u).orElse(""),
            null);
    }

    /** The check called with {@code token}, or anonymously. */
    private ApiResponse post(String alias, String query, Optional<String> token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.keycloak().baseUrl()
            + realm.admin.path("payer-access/plans/" + alias + "/conformance") + query))
            .POST(HttpRequest.BodyPublishers.noBody());
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        return ApiResponse.send(request.build());
    }

    private static JsonNode finding(JsonNode card, String check) {
        for (JsonNode finding : card.get("findings")) {
            if (finding.get("check").asText().equals(check)) {
                return finding;
            }
        }
        throw new AssertionError("no finding " + check + " in " + card);
    }

    private static Map<String, String> suggests(JsonNode finding) {
        return ApiResponse.JSON.convertValue(finding.get("suggests"),
            ApiResponse.JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
    }
}
