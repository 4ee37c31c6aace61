package dev.payeraccess.it;

import static dev.payeraccess.it.Refusals.assertRefusedWithoutCallingPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.Area;
import dev.payeraccess.sandbox.control.ReceivedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The proxy's access rules tried the way an attacker would, against the real Keycloak and the sandbox: a
 * search that tests for data of a type the caller may not read, a page fetched without the search's grant
 * or by someone else, a patient/ app reaching past the linked patient. Each refusal happens before the plan
 * is called.
 */
@ExtendWith(PayerAccessStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessRulesIT {

    private static final String SHERIE = TestMembers.SHERIE.patientId();
    private static final String SOMEONE_ELSE = TestMembers.DELMAR.patientId();

    private KeycloakStack stack;
    private TestRealm realm;

    @BeforeAll
    void linkSherie(KeycloakStack stack) throws Exception {
        this.stack = stack;
        realm = TestRealm.create(stack, "rules");
        realm.addSmartScopes();
        realm.addPlan(realm.plan("test", Track.TEST));
        new MemberLinking(stack).link(realm, "test", TestMembers.SHERIE, new KeycloakBrowser());
        realm.addUser("eve");
    }

    @AfterAll
    void dropRealm() throws Exception {
        realm.delete();
    }

    private PayerAccessApi callerWith(String scope) throws Exception {
        return realm.api().as(realm.token(TestRealm.USER, scope));
    }

    @Nested
    @DisplayName("Given a search that reaches other types")
    class Reach {

        @Test
        void everyLevelOfHasAndEveryHopOfAChainIsChecked() throws Exception {
            PayerAccessApi claims = callerWith("openid patient/Patient.read patient/Coverage.read");

            assertEquals(200, claims.fhir("test").get("Patient?_has:Coverage:beneficiary:status=active").status());
            assertRefusedWithoutCallingPlan(claims.fhir("test")
                .get("Patient?_has:Coverage:beneficiary:_has:ExplanationOfBenefit:coverage:status=active"), 403);
            assertRefusedWithoutCallingPlan(claims.fhir("test").get("Coverage?payor.name=Acme"), 403);
            assertRefusedWithoutCallingPlan(claims.fhir("test")
                .get("Coverage?beneficiary._has:ExplanationOfBenefit:patient:status=active"), 403);
        }

        @Test
        void parametersTheProxyCannotCheckAreRefusedWith400NamingThem() throws Exception {
            PayerAccessApi everything = callerWith("openid user/*.read");

            for (String parameter : List.of("_filter=status eq active", "_query=x", "_list=mine", "_text=x",
                "_content=x", "_contained=true", "_containedType=contained")) {
                ApiResponse refused = assertRefusedWithoutCallingPlan(everything.fhir("test")
                    .get("ExplanationOfBenefit?" + parameter.replace(" ", "%20")), 400);
                assertTrue(refused.body().contains(parameter.substring(0, parameter.indexOf('='))), refused::toString);
            }
        }

        @Test
        void unknownNamesGoOnlyAsPlainValuesAndCredentialsNeverGo() throws Exception {
            PayerAccessApi app = callerWith("openid patient/*.read");

            assertRefusedWithoutCallingPlan(app.fhir("test").get("ExplanationOfBenefit?made-up:exact=1"), 400);
            assertRefusedWithoutCallingPlan(app.fhir("test").get("ExplanationOfBenefit?made-up.name=1"), 400);
            ApiResponse carin = app.fhir("test")
                .get("ExplanationOfBenefit?service-date=ge2000-01-01&access_token=stolen&_count=1");
            assertEquals(1, carin.planRequests().orElseThrow(), "a CARIN Blue Button parameter is forwarded");
            String atPlan = lastAtPlan().query();
            assertTrue(atPlan.contains("service-date="), atPlan);
            assertFalse(atPlan.contains("access_token"), atPlan);
        }
    }

    @Nested
    @DisplayName("Given a page of an earlier search")
    class Pages {

        @Test
        void aPageIsReadWithTheSearchsGrantByTheUserItWasIssuedTo() throws Exception {
            stack.sandbox().controls().serverSidePaging(true); // ?_getpages= links, as HAPI-based plans send
            PayerAccessApi app = callerWith("openid patient/*.read");
            String next = nextLink(app.fhir("test").get("ExplanationOfBenefit?_count=2"));
            String page = next.substring(app.fhir("test").base().length()); // "?_getpages=...&payer-access-page=..."

            assertEquals(200, app.fhir("test").get(page).status(), "the same caller follows its next link");
            assertRefusedWithoutCallingPlan(callerWith("openid").fhir("test").get(page), 403);
            assertRefusedWithoutCallingPlan(callerWith("openid patient/Coverage.read").fhir("test").get(page), 403);
            assertRefusedWithoutCallingPlan(realm.api().as(realm.token("eve", "openid patient/*.read")).fhir("test")
                .get(page), 403);
            assertRefusedWithoutCallingPlan(app.fhir("test").get(page.replace("ExplanationOfBenefit.", "Patient.")),
                403);
            assertRefusedWithoutCallingPlan(app.fhir("test").get(page.replaceAll("&payer-access-page=[^&]*", "")), 403);
        }
    }

    @Nested
    @DisplayName("Given an app with patient/ scopes")
    class PatientScopes {

        @Test
        void anotherPatientIsRefusedBeforeAnyCall() throws Exception {
            PayerAccessApi app = callerWith("openid patient/*.read");

            assertRefusedWithoutCallingPlan(app.fhir("test").get("Patient/" + SOMEONE_ELSE), 403);
            assertRefusedWithoutCallingPlan(app.fhir("test").get("ExplanationOfBenefit?patient=" + SOMEONE_ELSE), 403);
            assertRefusedWithoutCallingPlan(app.fhir("test").get("Coverage?beneficiary=Patient/" + SOMEONE_ELSE), 403);
            assertRefusedWithoutCallingPlan(app.fhir("test").get("ExplanationOfBenefit?patient=" + SHERIE + ","
                + SOMEONE_ELSE), 403);
            assertEquals(200, app.fhir("test").get("Patient/" + SHERIE).status());
        }

        @Test
        void aSearchNamingNoPatientIsPinnedToTheLinkedOne() throws Exception {
            PayerAccessApi app = callerWith("openid patient/*.read");

            assertEquals(200, app.fhir("test").get("ExplanationOfBenefit?_count=1").status());
            assertTrue(decoded(lastAtPlan().query()).contains("patient=Patient/" + SHERIE), lastAtPlan().query());
            assertEquals(200, app.fhir("test").get("Patient").status());
            assertTrue(decoded(lastAtPlan().query()).contains("_id=" + SHERIE), lastAtPlan().query());
        }

        @Test
        void userScopesKeepWhatThePlanGrants() throws Exception {
            ApiResponse other = callerWith("openid user/*.read").fhir("test").get("Patient/" + SOMEONE_ELSE);

            assertEquals(1, other.planRequests().orElseThrow(), "forwarded: the plan decides what the member may see");
            assertEquals("/r4/Patient/" + SOMEONE_ELSE, lastAtPlan().path());
        }
    }

    private ReceivedRequest lastAtPlan() {
        List<ReceivedRequest> requests = stack.sandbox().controls().requests(Area.FHIR);
        return requests.get(requests.size() - 1);
    }

    private static String decoded(String query) {
        return URLDecoder.decode(query, StandardCharsets.UTF_8);
    }

    private static String nextLink(ApiResponse search) throws Exception {
        assertEquals(200, search.status(), search::toString);
        for (JsonNode link : ApiResponse.JSON.readTree(search.body()).path("link")) {
            if ("next".equals(link.path("relation").asText())) {
                assertTrue(link.path("url").asText().contains("payer-access-page="), link.toString());
                return link.path("url").asText();
            }
        }
        throw new AssertionError("no next link in " + search.body());
    }
}
