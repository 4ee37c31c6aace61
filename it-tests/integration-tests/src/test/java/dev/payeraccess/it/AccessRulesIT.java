package dev.payeraccess.it;

import static dev.payeraccess.it.Refusals.assertRefusedWithoutCallingPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.Area;
import dev.payeraccess.sandbox.control.ReceivedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
    private static final String CLAIM_TYPE = "http://terminology.hl7.org/CodeSystem/claim-type";
    /** A SMART 2.0 granular scope: a client scope of its own, as Keycloak matches scopes by name. */
    private static final String PHARMACY_CLAIMS = "patient/ExplanationOfBenefit.rs?type=" + CLAIM_TYPE + "|pharmacy";
    private static final String LAB_RESULTS = "patient/Observation.rs?category="
        + "http://terminology.hl7.org/CodeSystem/observation-category|laboratory";
    private static final String PDEX_PRIOR_AUTHORIZATION =
        "http://hl7.org/fhir/us/davinci-pdex/StructureDefinition/pdex-priorauthorization";

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
        for (String granular : List.of(PHARMACY_CLAIMS, LAB_RESULTS)) {
            // created through the admin API like any client scope: the name holds '?', '=', ':', '/' and '|'
            realm.admin.put("clients/" + realm.clientUuid(TestRealm.SCOPED_CLIENT) + "/optional-client-scopes/"
                + realm.addClientScope(granular), null).expect(204);
        }
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
    @DisplayName("Given Patient/[id]/$everything")
    class Everything {

        @Test
        void itReadsOnlyTheTypesTheCallersScopesAllow() throws Exception {
            PayerAccessApi claims = callerWith("openid patient/ExplanationOfBenefit.read");

            int before = stack.sandbox().controls().requests(Area.FHIR).size();
            List<JsonNode> pages = everything(claims, "Patient/" + SHERIE + "/$everything?_count=50");
            Set<String> types = new TreeSet<>();
            pages.forEach(page -> page.path("entry").forEach(e -> types.add(e.path("resource").path("resourceType")
                .asText())));
            assertEquals(Set.of("ExplanationOfBenefit"), types);
            List<ReceivedRequest> atPlan = stack.sandbox().controls().requests(Area.FHIR);
            assertTrue(atPlan.subList(before, atPlan.size()).stream()
                .allMatch(r -> r.path().endsWith("/ExplanationOfBenefit")), "only claims were searched");

            ApiResponse refused = assertRefusedWithoutCallingPlan(claims.fhir("test")
                .get("Patient/" + SHERIE + "/$everything?_type=Coverage,Patient"), 403);
            assertTrue(refused.body().contains("_type=Coverage,Patient")
                && refused.body().contains("patient/Patient.read"), refused::toString);
        }

        @Test
        void anotherPatientAPageLinkAlteredOrOfAnotherTypeAndUnknownParametersAreRefusedBeforeAnyCall()
            throws Exception {
            PayerAccessApi app = callerWith("openid patient/*.read");
            String next = link(app.fhir("test").get("Patient/" + SHERIE + "/$everything?_count=3").json(), "next")
                .orElseThrow().substring(app.fhir("test").base().length() + 1);

            assertRefusedWithoutCallingPlan(app.fhir("test").get("Patient/" + SOMEONE_ELSE + "/$everything"), 404);
            assertEquals(200, app.fhir("test").get(next).status(), "the same caller follows its next link");
            assertRefusedWithoutCallingPlan(app.fhir("test").get(next.replace("_count=3", "_count=30")), 403);
            assertRefusedWithoutCallingPlan(app.fhir("test").get(next.replace(SHERIE, SOMEONE_ELSE)), 404);
            // The next page reads Coverage, which a caller of claims alone may not.
            assertRefusedWithoutCallingPlan(callerWith("openid patient/ExplanationOfBenefit.read").fhir("test")
                .get(next), 403);
            assertRefusedWithoutCallingPlan(app.fhir("test").get("Patient/" + SHERIE
                + "/$everything?_include=*"), 400);
        }
    }

    @Nested
    @DisplayName("Given an app with patient/ scopes")
    class PatientScopes {

        @Test
        void anotherPatientIsRefusedBeforeAnyCall() throws Exception {
            PayerAccessApi app = callerWith("openid patient/*.read");

            assertRefusedWithoutCallingPlan(app.fhir("test").get("Patient/" + SOMEONE_ELSE), 404);
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

    /**
     * The member's plan also shows a dependent (a child whose Coverage names the member as subscriber and policy
     * holder, and whose claim is paid to the member), as plans that grant a parent the family's records do.
     */
    @Nested
    @DisplayName("Given a plan that shows the member's household")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Household {

        private PayerAccessApi patientApp;
        private PayerAccessApi householdApp;
        private String dependent;
        private String dependentsCoverage;
        private String dependentsClaim;

        @BeforeEach
        void showTheHousehold() {
            stack.sandbox().controls().severalPatientsPerLogin(true).dependentsRecords(true);
        }

        /** The dependent's records, as a user/ app finds them: the sandbox's ids are the same on every run. */
        @BeforeAll
        void findTheDependentsRecords() throws Exception {
            showTheHousehold();
            patientApp = callerWith("openid patient/*.read");
            householdApp = callerWith("openid user/*.read");
            PayerAccessApi household = householdApp;
            ApiResponse subscribed = household.fhir("test").get("Coverage?subscriber=Patient/" + SHERIE);
            assertEquals(200, subscribed.status(), subscribed::toString);
            JsonNode coverage = null;
            for (JsonNode entry : ApiResponse.JSON.readTree(subscribed.body()).path("entry")) {
                if (!entry.path("resource").path("beneficiary").path("reference").asText().endsWith(SHERIE)) {
                    coverage = entry.path("resource");
                }
            }
            assertNotNull(coverage, () -> "no dependent's coverage in " + subscribed);
            dependent = coverage.path("beneficiary").path("reference").asText();
            dependentsCoverage = "Coverage/" + coverage.path("id").asText();
            dependentsClaim = "ExplanationOfBenefit/" + onlyEntry(household.fhir("test")
                .get("ExplanationOfBenefit?payee=Patient/" + SHERIE), "ExplanationOfBenefit").path("id").asText();
        }

        @Test
        void aSearchNamingTheMemberAsSubscriberOrPayeeFindsNoDependentsRecords() throws Exception {
            ApiResponse coverages = patientApp.fhir("test").get("Coverage?subscriber=Patient/" + SHERIE);
            assertTrue(decoded(lastAtPlan().query()).contains("beneficiary=Patient/" + SHERIE), lastAtPlan().query());
            ApiResponse claims = patientApp.fhir("test").get("ExplanationOfBenefit?payee=Patient/" + SHERIE);
            assertTrue(decoded(lastAtPlan().query()).contains("patient=Patient/" + SHERIE), lastAtPlan().query());

            assertEquals(List.of("Patient/" + SHERIE), subjects(coverages, "beneficiary"));
            assertEquals(List.of(), subjects(claims, "patient"));
            assertFalse(coverages.body().contains(dependent) || claims.body().contains(dependent));
        }

        @Test
        void everythingAboutTheMemberHoldsNoDependentsRecord() throws Exception {
            List<JsonNode> pages = everything(patientApp, "Patient/" + SHERIE + "/$everything?_count=100");

            String all = pages.toString();
            assertTrue(all.contains("\"ExplanationOfBenefit\"") && all.contains("\"Coverage\""), all);
            assertFalse(all.contains(dependent), "a dependent's record: " + all);
            assertFalse(all.contains("\"" + dependentsClaim.substring(dependentsClaim.indexOf('/') + 1) + "\""), all);
        }

        @Test
        void anIncludedSubscriberOrDependentIsWithheld() throws Exception {
            ApiResponse withPatients = patientApp.fhir("test").get("Patient?_revinclude=Coverage:subscriber");

            assertEquals(200, withPatients.status(), withPatients::toString);
            assertEquals(List.of("Patient/" + SHERIE), subjects(withPatients, "beneficiary").stream()
                .filter(s -> !s.isEmpty()).toList(), withPatients::toString);
            assertFalse(withPatients.body().contains(dependent), withPatients::toString);
        }

        @Test
        void aDependentsRecordsReadLikeIdsThePlanDoesNotKnow() throws Exception {
            for (String read : List.of(dependentsCoverage, dependentsClaim)) {
                ApiResponse refused = Refusals.assertAnsweredWithOperationOutcome(
                    patientApp.fhir("test").get(read), 404);
                assertFalse(refused.body().contains(dependent), refused::toString);
            }
            assertRefusedWithoutCallingPlan(patientApp.fhir("test").get(dependent), 404);
            assertEquals(200, householdApp.fhir("test").get(dependentsClaim).status(),
                "user/ scopes keep what the plan grants the member");
        }

        @Test
        void aDependentsRecordIsNeverConfirmedByARevalidation() throws Exception {
            PayerAccessApi revalidating = patientApp.withHeader("If-None-Match", "W/\"1\"");

            Refusals.assertAnsweredWithOperationOutcome(revalidating.fhir("test").get(dependentsCoverage), 404);
            assertEquals(Optional.empty(), lastAtPlan().header("If-None-Match"), "the plan is asked unconditionally");
        }
    }

    @Nested
    @DisplayName("Given SMART 2.0 granular scopes, each a client scope of its own")
    class GranularScopes {

        @Test
        void keycloakGrantsAGranularScopeByItsNameAndTheTokenCarriesIt() throws Exception {
            String token = realm.token(TestRealm.USER, "openid " + PHARMACY_CLAIMS);
            String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8);

            List<String> granted = List.of(ApiResponse.JSON.readTree(payload).path("scope").asText().split(" "));
            assertTrue(granted.contains(PHARMACY_CLAIMS), granted::toString);
            assertFalse(granted.contains(LAB_RESULTS), "only what was asked");
        }

        @Test
        void aSearchNamingNoTypeIsNarrowedToTheScopesQueryAndItsAnswerHeldToIt() throws Exception {
            PayerAccessApi pharmacy = callerWith("openid " + PHARMACY_CLAIMS);

            ApiResponse claims = pharmacy.fhir("test").get("ExplanationOfBenefit?_count=50");

            assertEquals(200, claims.status(), claims::toString);
            List<String> types = new ArrayList<>();
            claims.json().path("entry").forEach(e -> types.add(e.path("resource").path("type").path("coding")
                .path(0).path("code").asText()));
            assertFalse(types.isEmpty(), claims::toString);
            assertEquals(List.of("pharmacy"), types.stream().distinct().toList());
            String atPlan = decoded(lastAtPlan().query());
            assertTrue(atPlan.contains("type=" + CLAIM_TYPE + "|pharmacy"), atPlan);
            assertTrue(atPlan.contains("patient=Patient/" + SHERIE), atPlan);
        }

        @Test
        void aSearchOrReadOutsideTheQueryIsRefusedOrLooksUnknown() throws Exception {
            PayerAccessApi pharmacy = callerWith("openid " + PHARMACY_CLAIMS);
            PayerAccessApi everything = callerWith("openid patient/*.read");
            String professional = claimOfType(everything, "professional");
            String prescription = claimOfType(everything, "pharmacy");

            ApiResponse refused = assertRefusedWithoutCallingPlan(pharmacy.fhir("test")
                .get("ExplanationOfBenefit?type=" + CLAIM_TYPE + "%7Cprofessional"), 403);
            assertTrue(refused.body().contains("ExplanationOfBenefit?type=" + CLAIM_TYPE + "|pharmacy"),
                refused::toString);
            Refusals.assertAnsweredWithOperationOutcome(pharmacy.fhir("test")
                .get("ExplanationOfBenefit/" + professional), 404);
            assertEquals(200, pharmacy.fhir("test").get("ExplanationOfBenefit/" + prescription).status());
            assertRefusedWithoutCallingPlan(pharmacy.fhir("test").get("Coverage"), 403);
        }

        private String claimOfType(PayerAccessApi app, String type) throws Exception {
            ApiResponse search = app.fhir("test").get("ExplanationOfBenefit?type=" + CLAIM_TYPE + "%7C" + type);
            assertEquals(200, search.status(), search::toString);
            return search.json().path("entry").path(0).path("resource").path("id").asText();
        }
    }

    @Nested
    @DisplayName("Given prior authorizations asked as ExplanationOfBenefit?use=preauthorization")
    class PriorAuthorizations {

        @Test
        void aPlanThatDoesNotDeclareTheProfileIsAskedForClaimsAndTheAnswerFilteredOnUse() throws Exception {
            probePlan();
            assertTrue(useDocumentation().contains("Mechanism: filter"), useDocumentation());
            PayerAccessApi app = callerWith("openid patient/*.read");

            ApiResponse authorizations = app.fhir("test").get("ExplanationOfBenefit?use=preauthorization&_count=50");

            assertPriorAuthorizationsOnly(authorizations);
            assertFalse(authorizations.json().has("total"), "the plan's total counted every claim");
            String atPlan = decoded(lastAtPlan().query());
            assertFalse(atPlan.contains("use="), "R4 has no use parameter (this plan refuses unknown ones): " + atPlan);
            assertFalse(atPlan.contains("_profile"), atPlan);
        }

        @Test
        void aFilteredSearchStaysFilteredOnEveryPage() throws Exception {
            PayerAccessApi app = callerWith("openid patient/*.read");
            List<String> ids = new ArrayList<>();
            ApiResponse page = app.fhir("test").get("ExplanationOfBenefit?use=preauthorization&_count=4");
            for (int pages = 0; pages < 10; pages++) {
                assertEquals(200, page.status(), page::toString);
                page.json().path("entry").forEach(e -> {
                    assertEquals("preauthorization", e.path("resource").path("use").asText(), e::toString);
                    ids.add(e.path("resource").path("id").asText());
                });
                String next = "";
                for (JsonNode link : page.json().path("link")) {
                    next = "next".equals(link.path("relation").asText()) ? link.path("url").asText() : next;
                }
                if (next.isEmpty()) {
                    break;
                }
                assertTrue(next.contains("use=preauthorization"), next);
                page = app.fhir("test").get(next.substring(app.fhir("test").base().length() + 1));
            }
            assertEquals(3, ids.size(), "each of the member's prior authorizations, once, over short pages: " + ids);
        }

        @Test
        void aPlanThatDeclaresTheProfileIsAskedByIt() throws Exception {
            stack.sandbox().controls().priorAuthorizationProfileDeclared(true);
            try {
                probePlan();
                assertTrue(useDocumentation().contains("Mechanism: profile"), useDocumentation());

                ApiResponse authorizations = callerWith("openid patient/*.read").fhir("test")
                    .get("ExplanationOfBenefit?use=preauthorization&_count=50");

                assertPriorAuthorizationsOnly(authorizations);
                String atPlan = decoded(lastAtPlan().query());
                assertTrue(atPlan.contains("_profile=" + PDEX_PRIOR_AUTHORIZATION), atPlan);
                assertFalse(atPlan.contains("use="), atPlan);
            } finally {
                // The sandbox is reset before every test; this realm's plan is probed again by the test that needs it.
                stack.sandbox().controls().priorAuthorizationProfileDeclared(false);
            }
        }

        private void assertPriorAuthorizationsOnly(ApiResponse search) {
            assertEquals(200, search.status(), search::toString);
            JsonNode entries = search.json().path("entry");
            assertEquals(3, entries.size(), search::toString);
            entries.forEach(e -> {
                assertEquals("preauthorization", e.path("resource").path("use").asText());
                assertEquals(PDEX_PRIOR_AUTHORIZATION, e.path("resource").path("meta").path("profile").path(0)
                    .asText());
            });
        }

        private void probePlan() throws Exception {
            realm.admin.post("payer-access/plans/test/health", null).expect(200);
        }

        private String useDocumentation() throws Exception {
            for (JsonNode resource : realm.api().fhir("test").get("metadata").json().path("rest").path(0)
                .path("resource")) {
                if (resource.path("type").asText().equals("ExplanationOfBenefit")) {
                    for (JsonNode param : resource.path("searchParam")) {
                        if (param.path("name").asText().equals("use")) {
                            return param.path("documentation").asText();
                        }
                    }
                }
            }
            return "";
        }
    }

    private static JsonNode onlyEntry(ApiResponse search, String type) throws Exception {
        assertEquals(200, search.status(), search::toString);
        JsonNode entries = ApiResponse.JSON.readTree(search.body()).path("entry");
        assertEquals(1, entries.size(), search::toString);
        JsonNode resource = entries.get(0).path("resource");
        assertEquals(type, resource.path("resourceType").asText());
        return resource;
    }

    private static List<String> subjects(ApiResponse search, String element) throws Exception {
        assertEquals(200, search.status(), search::toString);
        List<String> subjects = new ArrayList<>();
        ApiResponse.JSON.readTree(search.body()).path("entry")
            .forEach(e -> subjects.add(e.path("resource").path(element).path("reference").asText()));
        return subjects.stream().distinct().toList();
    }

    private ReceivedRequest lastAtPlan() {
        List<ReceivedRequest> requests = stack.sandbox().controls().requests(Area.FHIR);
        return requests.get(requests.size() - 1);
    }

    private static String decoded(String query) {
        return URLDecoder.decode(query, StandardCharsets.UTF_8);
    }

    /** Every page of an operation, following its next links as an app would. */
    private static List<JsonNode> everything(PayerAccessApi app, String first) throws Exception {
        List<JsonNode> pages = new ArrayList<>();
        for (String next = first; next != null; ) {
            JsonNode page = app.fhir("test").get(next).expect(200).json();
            pages.add(page);
            next = link(page, "next").map(url -> url.substring(app.fhir("test").base().length() + 1)).orElse(null);
        }
        return pages;
    }

    private static Optional<String> link(JsonNode bundle, String relation) {
        for (JsonNode link : bundle.path("link")) {
            if (relation.equals(link.path("relation").asText())) {
                return Optional.of(link.path("url").asText());
            }
        }
        return Optional.empty();
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
