package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.Area;
import dev.payeraccess.sandbox.control.Fault;
import dev.payeraccess.sandbox.control.ReceivedRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code fhir/_all}: one search across every plan a member linked. The user has linked Sherie at plan A and Mayté at
 * plan B, two plans on the one sandbox told apart by the host name of their FHIR bases ({@code localhost} and
 * {@code 127.0.0.1}), so that one can be made slow or failing while the other answers.
 */
@ExtendWith(PayerAccessStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllPlansIT {

    private static final String PLAN_A = "plan-a";
    private static final String PLAN_B = "plan-b";
    private static final String SCOPE = "openid patient/*.read";
    private static final String CLAIMS = "ExplanationOfBenefit";
    private static final int PAGE = 4;

    private KeycloakStack stack;
    private TestRealm realm;
    private PayerAccessApi member;

    @BeforeAll
    void linkTwoPlans(KeycloakStack stack) throws Exception {
        this.stack = stack;
        realm = TestRealm.create(stack, "allplans");
        realm.addSmartScopes();
        realm.admin.put("events/config", Map.of("eventsEnabled", true, "enabledEventTypes", List.of(
            "IDENTITY_PROVIDER_RETRIEVE_TOKEN", "IDENTITY_PROVIDER_RETRIEVE_TOKEN_ERROR"))).expect(204);
        realm.addPlan(realm.plan(PLAN_A, Track.TEST));
        String sandboxPort = stack.sandbox().urls().base().replaceAll(".*:", "");
        realm.addPlan(realm.plan(PLAN_B, Track.TEST, c -> {
            c.put("fhirBaseUrl", "http://127.0.0.1:" + sandboxPort + "/r4");
            c.put("upstreamTimeoutMs", "1500");
        }));
        MemberLinking walk = new MemberLinking(stack);
        walk.link(realm, PLAN_A, TestMembers.SHERIE, new KeycloakBrowser());
        walk.link(realm, PLAN_B, TestMembers.MAYTE, new KeycloakBrowser());
        member = realm.api().as(realm.token(TestRealm.USER, SCOPE));
    }

    @AfterAll
    void dropRealm() throws Exception {
        realm.delete();
    }

    @Nested
    @DisplayName("Given a member with claims at two plans, one of them slow")
    class Merged {

        @Test
        void pagesThroughBothPlansInServiceDateOrderWithEachEntryNamingItsPlan() throws Exception {
            stack.sandbox().controls().fhirLatencyAtHost("localhost", Duration.ofMillis(200));
            ApiResponse first = member.get("fhir/_all/" + CLAIMS + "?_sort=-service-date&_count=" + PAGE).expect(200);
            assertEquals(total(PLAN_A) + total(PLAN_B), first.json().path("total").asLong(),
                "total is the sum of the plans' totals");

            List<JsonNode> entries = new ArrayList<>();
            Set<Set<String>> plansPerPage = new HashSet<>();
            int pages = 0;
            JsonNode bundle = first.json();
            while (true) {
                pages++;
                assertEquals("searchset", bundle.path("type").asText());
                List<JsonNode> page = StreamSupport.stream(bundle.path("entry").spliterator(), false).toList();
                assertTrue(page.size() <= PAGE, "a page holds at most _count matches");
                page.forEach(e -> assertEquals("match", e.path("search").path("mode").asText("match"),
                    "no outcome entry while both plans answer: " + e));
                entries.addAll(page);
                plansPerPage.add(new HashSet<>(page.stream().map(AllPlansIT::plan).toList()));
                Optional<String> next = link(bundle, "next");
                if (next.isEmpty()) {
                    break;
                }
                assertTrue(next.get().length() < 300, "a next link stays short: " + next.get());
                assertTrue(pages < 40, "paging ends");
                bundle = member.get(relative(next.get())).expect(200).json();
            }
            assertTrue(pages > 2, "several pages: " + pages);
            assertTrue(plansPerPage.contains(Set.of(PLAN_A, PLAN_B)), "pages mix both plans' claims");

            LocalDate previous = LocalDate.MAX;
            for (JsonNode entry : entries) {
                LocalDate serviceDate = LocalDate.parse(entry.path("resource").path("billablePeriod").path("start")
                    .asText().substring(0, 10));
                assertFalse(serviceDate.isAfter(previous), "newest service date first across plans: " + entries);
                previous = serviceDate;
            }
            Map<String, Set<String>> merged = new HashMap<>();
            for (JsonNode entry : entries) {
                String plan = plan(entry);
                String base = member.fhir(plan).base();
                JsonNode resource = entry.path("resource");
                assertEquals(base + "/" + CLAIMS + "/" + resource.path("id").asText(), entry.path("fullUrl").asText());
                assertEquals(base, resource.path("meta").path("source").asText(), "meta.source names the plan");
                assertTrue(merged.computeIfAbsent(plan, p -> new HashSet<>()).add(resource.path("id").asText()),
                    "no claim twice: " + entry.path("fullUrl"));
            }
            assertEquals(singlePlanIds(PLAN_A), merged.get(PLAN_A), "exactly the claims a read of plan A passes");
            assertEquals(singlePlanIds(PLAN_B), merged.get(PLAN_B), "exactly the claims a read of plan B passes");
        }

        /** Each plan's answer is filtered on {@code use}, and the filter goes on in every plan's page of the cursor. */
        @Test
        void priorAuthorizationsOfBothPlansStayPriorAuthorizationsOnEveryPage() throws Exception {
            Map<String, Set<String>> merged = new HashMap<>();
            JsonNode bundle = member.get("fhir/_all/" + CLAIMS + "?use=preauthorization&_count=2").expect(200).json();
            for (int pages = 1; ; pages++) {
                assertTrue(mode(bundle, "outcome").isEmpty(), "both plans answer: " + bundle);
                for (JsonNode entry : mode(bundle, "match")) {
                    assertEquals("preauthorization", entry.path("resource").path("use").asText(), entry.toString());
                    merged.computeIfAbsent(plan(entry), p -> new HashSet<>())
                        .add(entry.path("resource").path("id").asText());
                }
                Optional<String> next = link(bundle, "next");
                if (next.isEmpty()) {
                    break;
                }
                assertTrue(pages < 60, "paging ends");
                bundle = member.get(relative(next.get())).expect(200).json();
            }
            for (String plan : List.of(PLAN_A, PLAN_B)) {
                Set<String> single = new HashSet<>();
                member.fhir(plan).get(CLAIMS + "?use=preauthorization&_count=200").expect(200).json().path("entry")
                    .forEach(e -> single.add(e.path("resource").path("id").asText()));
                assertFalse(single.isEmpty(), "the sandbox's members have prior authorizations at " + plan);
                assertEquals(single, merged.get(plan), "exactly the prior authorizations a read of " + plan + " has");
            }
        }

        /** Asked one after the other, two plans that each take 1.2 s would take 2.4 s; asked at once, about half. */
        @Test
        void asksThePlansAtOnce() throws Exception {
            stack.sandbox().controls().fhirLatencyAtHost("localhost", Duration.ofMillis(1200))
                .fhirLatencyAtHost("127.0.0.1", Duration.ofMillis(1200));
            long started = System.nanoTime();
            JsonNode bundle = member.get("fhir/_all/Coverage").expect(200).json();
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(Set.of(PLAN_A, PLAN_B), new HashSet<>(mode(bundle, "match").stream().map(AllPlansIT::plan)
                .toList()));
            // one after the other cannot take less than 2,400 ms; plan B's own timeout is 1,500 ms
            assertTrue(millis < 2400, "both plans were asked at once: " + millis + " ms");
        }

        /**
         * A HEAD answers what the GET would send without asking the plans, so it holds none of the member's places:
         * more HEADs than a link has places (4), and a search right after is answered at once, every plan read.
         */
        @Test
        void aHeadAsksNoPlanAndLeavesNothingHeld() throws Exception {
            for (int i = 0; i < 6; i++) {
                ApiResponse head = member.fhir("_all").head(i % 2 == 0 ? CLAIMS + "?_count=2" : "Patient/$everything");
                assertEquals(200, head.status(), head.toString());
                assertTrue(head.header("Content-Type").orElse("").startsWith("application/fhir+json"),
                    head.toString());
            }
            assertEquals(401, realm.api().fhir("_all").head(CLAIMS).status());
            assertEquals(400, member.fhir("_all").head(CLAIMS + "?patient=123").status());
            assertEquals(List.of(), stack.sandbox().controls().requests(Area.FHIR).stream()
                .filter(r -> !r.path().endsWith("/metadata")).toList(), "no plan was asked (health probes aside)");

            long started = System.nanoTime();
            JsonNode bundle = member.get("fhir/_all/Coverage").expect(200).json();
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(List.of(), mode(bundle, "outcome"), "no plan refused (429): " + bundle);
            assertTrue(millis < 5000, "answered at once, not after a wait for a place: " + millis + " ms");
        }

        @Test
        void recordsOneAuditEventPerPlan() throws Exception {
            int before = proxyEvents().size();
            member.get("fhir/_all/Coverage").expect(200);
            JsonNode events = Eventually.within(Duration.ofSeconds(5), () -> {
                JsonNode all = proxyEvents();
                assertTrue(all.size() >= before + 2, "an event per plan");
                return all;
            });
            Set<String> plans = new HashSet<>();
            for (int i = 0; i < events.size() - before; i++) {
                plans.add(events.get(i).path("details").path("identity_provider").asText());
            }
            assertEquals(Set.of(PLAN_A, PLAN_B), plans);
        }
    }

    @Nested
    @DisplayName("Given one plan failing or too slow")
    class Failing {

        @Test
        void aFailingPlanIsAnOutcomeEntryNamingItWhileTheOtherAnswers() throws Exception {
            stack.sandbox().controls().failFhirAtHost("127.0.0.1", new Fault(500, Fault.Body.ERROR_DOCUMENT));
            JsonNode bundle = member.get("fhir/_all/" + CLAIMS + "?_count=50").expect(200).json();
            List<JsonNode> outcomes = mode(bundle, "outcome");
            assertEquals(1, outcomes.size(), bundle.toString());
            JsonNode issue = outcomes.get(0).path("resource").path("issue").path(0);
            assertEquals("error", issue.path("severity").asText());
            assertTrue(issue.path("diagnostics").asText().contains(PLAN_B), issue.toString());
            assertEquals(member.fhir(PLAN_B).base(), outcomes.get(0).path("resource").path("meta").path("source")
                .asText());
            List<JsonNode> matches = mode(bundle, "match");
            assertEquals(total(PLAN_A), matches.size(), "plan A still answered in full");
            matches.forEach(e -> assertEquals(PLAN_A, plan(e)));
        }

        @Test
        void aPlanThatTimesOutIsAnOutcomeEntry() throws Exception {
            stack.sandbox().controls().fhirLatencyAtHost("127.0.0.1", Duration.ofSeconds(3));
            JsonNode bundle = member.get("fhir/_all/Coverage").expect(200).json();
            List<JsonNode> outcomes = mode(bundle, "outcome");
            assertEquals(1, outcomes.size(), bundle.toString());
            assertEquals("timeout", outcomes.get(0).path("resource").path("issue").path(0).path("code").asText(),
                outcomes.toString());
            assertFalse(mode(bundle, "match").isEmpty(), "plan A's coverage is there");
        }
    }

    @Nested
    @DisplayName("Given Patient/$everything across plans, plan A declaring the operation and plan B not")
    class Everything {

        private static final String EVERYTHING = "fhir/_all/Patient/$everything";

        @Test
        void oneBundleOfBothPlansPagedToTheEndEachOnItsOwnPatientTypeNarrowedAtEach() throws Exception {
            stack.sandbox().controls().everythingOperation(true);
            try {
                realm.admin.post("payer-access/plans/" + PLAN_B + "/health", null).expect(200);
                stack.sandbox().controls().everythingOperation(false);
                realm.admin.post("payer-access/plans/" + PLAN_B + "/health", null).expect(200); // B: emulated
                stack.sandbox().controls().everythingOperation(true);
                realm.admin.post("payer-access/plans/" + PLAN_A + "/health", null).expect(200); // A: forwarded

                JsonNode coverage = member.get(EVERYTHING + "?_type=Coverage").expect(200).json();
                assertEquals(Set.of(PLAN_A, PLAN_B), new HashSet<>(mode(coverage, "match").stream()
                    .map(AllPlansIT::plan).toList()));
                mode(coverage, "match").forEach(e -> assertEquals("Coverage",
                    e.path("resource").path("resourceType").asText(), "_type=Coverage at both plans: " + e));
                assertTrue(everythingCalls().stream().anyMatch(r -> r.query().contains("_type=Coverage")),
                    "plan A was asked its own operation, narrowed");

                Map<String, List<String>> claims = new HashMap<>();
                Map<String, Set<String>> patients = new HashMap<>();
                Set<String> seen = new HashSet<>();
                int pages = 0;
                for (String next = EVERYTHING + "?_count=10"; next != null; pages++) {
                    assertTrue(pages < 40, "paging ends");
                    JsonNode bundle = member.get(next).expect(200).json();
                    assertEquals("searchset", bundle.path("type").asText());
                    assertTrue(mode(bundle, "match").size() <= 10, "a page holds at most _count matches");
                    for (JsonNode entry : mode(bundle, "match")) {
                        JsonNode resource = entry.path("resource");
                        String plan = plan(entry);
                        String fullUrl = entry.path("fullUrl").asText();
                        assertEquals(member.fhir(plan).base() + "/" + resource.path("resourceType").asText() + "/"
                            + resource.path("id").asText(), fullUrl);
                        assertTrue(seen.add(fullUrl), "no entry twice: " + fullUrl);
                        switch (resource.path("resourceType").asText()) {
                            case CLAIMS -> claims.computeIfAbsent(plan, p -> new ArrayList<>())
                                .add(resource.path("id").asText());
                            case "Patient" -> patients.computeIfAbsent(plan, p -> new HashSet<>())
                                .add(resource.path("id").asText());
                            default -> { }
                        }
                    }
                    next = link(bundle, "next").map(url -> {
                        assertTrue(url.length() < 300, "a next link stays short: " + url);
                        return relative(url);
                    }).orElse(null);
                }
                assertTrue(pages > 2, "several pages: " + pages);
                assertEquals(Map.of(PLAN_A, Set.of(TestMembers.SHERIE.patientId()),
                    PLAN_B, Set.of(TestMembers.MAYTE.patientId())), patients, "the member's own patient at each");
                assertEquals(singlePlanIds(PLAN_A), new HashSet<>(claims.get(PLAN_A)), "plan A's claims, all");
                assertEquals(singlePlanIds(PLAN_B), new HashSet<>(claims.get(PLAN_B)), "plan B's claims, all");
                assertTrue(everythingCalls().stream().noneMatch(r -> r.header("host").orElse("")
                    .startsWith("127.0.0.1")), "plan B, which does not declare it, was only searched");
            } finally {
                stack.sandbox().controls().everythingOperation(false);
                realm.admin.post("payer-access/plans/" + PLAN_A + "/health", null).expect(200);
            }
        }

        @Test
        void aFailingPlanIsAnOutcomeEntryNamingItWhileTheOtherAnswers() throws Exception {
            stack.sandbox().controls().failFhirAtHost("127.0.0.1", new Fault(500, Fault.Body.ERROR_DOCUMENT));
            JsonNode bundle = member.get(EVERYTHING + "?_type=Patient,Coverage&_count=50").expect(200).json();
            List<JsonNode> outcomes = mode(bundle, "outcome").stream().filter(e -> plan(e).equals(PLAN_B)).toList();
            assertEquals(1, outcomes.size(), bundle.toString());
            JsonNode issue = outcomes.get(0).path("resource").path("issue").path(0);
            assertEquals("error", issue.path("severity").asText());
            assertTrue(issue.path("diagnostics").asText().contains(PLAN_B), issue.toString());
            List<JsonNode> matches = new ArrayList<>(mode(bundle, "match"));
            for (int pages = 1; link(bundle, "next").isPresent(); pages++) {
                assertTrue(pages < 10, "paging ends");
                bundle = member.get(relative(link(bundle, "next").get())).expect(200).json();
                matches.addAll(mode(bundle, "match"));
            }
            matches.forEach(e -> assertEquals(PLAN_A, plan(e), "plan B answered nothing: " + e));
            assertEquals(Set.of("Patient", "Coverage"), new HashSet<>(matches.stream()
                .map(e -> e.path("resource").path("resourceType").asText()).toList()), "plan A still answered");
        }

        @Test
        void refusesAPatientIdASortAndALinkOfASearch() throws Exception {
            String patient = TestMembers.SHERIE.patientId();
            ApiResponse withId = member.get("fhir/_all/Patient/" + patient + "/$everything");
            assertEquals(400, withId.status());
            assertTrue(withId.body().contains("fhir/_all/Patient/$everything"), withId.body());
            assertEquals(400, member.get(EVERYTHING + "?_sort=-created").status());
            assertEquals(400, member.get(EVERYTHING + "?_elements=id").status(), "a parameter it does not take");
            String searchNext = relative(link(member.get("fhir/_all/Patient?_count=1").expect(200).json(), "next")
                .orElseThrow());
            String cursor = searchNext.substring(searchNext.indexOf("?"));
            assertEquals(400, member.get(EVERYTHING + cursor).status(), "a search's cursor is not the operation's");
        }

        private List<ReceivedRequest> everythingCalls() {
            return stack.sandbox().controls().requests(Area.FHIR).stream()
                .filter(r -> r.path().endsWith("/$everything")).toList();
        }
    }

    @Nested
    @DisplayName("Given requests fhir/_all does not serve")
    class Refused {

        @Test
        void refusesAPatientParameterAnUnmergeableSortAReadAndWrites() throws Exception {
            assertEquals(400, member.get("fhir/_all/" + CLAIMS + "?patient=123").status());
            assertEquals(400, member.get("fhir/_all/" + CLAIMS + "?_sort=-identifier").status());
            assertEquals(400, member.get("fhir/_all/" + CLAIMS + "?type=" + "x".repeat(2048)).status(),
                "a query longer than a next page's cursor keeps");
            assertEquals(400, member.get("fhir/_all/" + CLAIMS + "/123").status());
            assertEquals(400, member.get("fhir/_all").status());
            assertEquals(401, realm.api().get("fhir/_all/" + CLAIMS).status());
            assertEquals(405, member.fhir("_all").send("POST", CLAIMS, "application/fhir+json", "{}").status());
        }

        @Test
        void refusesANextLinkThatWasTamperedWith() throws Exception {
            JsonNode first = member.get("fhir/_all/" + CLAIMS + "?_count=2").expect(200).json();
            String next = relative(link(first, "next").orElseThrow());
            ApiResponse forged = member.get(next.substring(0, next.length() - 2) + "xx");
            assertEquals(403, forged.status(), forged.toString());
            assertTrue(forged.isOperationOutcome());
        }

        @Test
        void servesItsOwnMetadataAndSmartConfiguration() throws Exception {
            JsonNode metadata = realm.api().get("fhir/_all/metadata").expect(200).json();
            assertEquals("CapabilityStatement", metadata.path("resourceType").asText());
            JsonNode claims = StreamSupport.stream(metadata.path("rest").path(0).path("resource").spliterator(), false)
                .filter(r -> r.path("type").asText().equals(CLAIMS)).findFirst().orElseThrow();
            assertEquals(List.of("search-type"), StreamSupport.stream(claims.path("interaction").spliterator(), false)
                .map(i -> i.path("code").asText()).toList());
            JsonNode patient = StreamSupport.stream(metadata.path("rest").path(0).path("resource").spliterator(), false)
                .filter(r -> r.path("type").asText().equals("Patient")).findFirst().orElseThrow();
            assertEquals("everything", patient.path("operation").path(0).path("name").asText(), patient.toString());
            assertTrue(metadata.path("implementation").path("description").asText()
                .contains("Patient/$everything at type level"), metadata.path("implementation").toString());
            assertTrue(realm.api().get("fhir/_all/.well-known/smart-configuration").expect(200).json()
                .path("token_endpoint").asText().endsWith("/protocol/openid-connect/token"));
        }

        @Test
        void noPlanMayTakeTheAliasAll() throws Exception {
            ApiResponse refused = realm.admin.post("identity-provider/instances", realm.plan("_all", Track.TEST));
            assertEquals(400, refused.status(), refused.toString());
            assertTrue(refused.body().contains("_all is reserved"), refused.body());
        }
    }

    private long total(String alias) throws Exception {
        return member.fhir(alias).get(CLAIMS + "?_count=1").expect(200).json().path("total").asLong();
    }

    private Set<String> singlePlanIds(String alias) throws Exception {
        JsonNode bundle = member.fhir(alias).get(CLAIMS + "?_count=200").expect(200).json();
        Set<String> ids = new HashSet<>();
        bundle.path("entry").forEach(e -> ids.add(e.path("resource").path("id").asText()));
        return ids;
    }

    private static List<JsonNode> mode(JsonNode bundle, String mode) {
        return StreamSupport.stream(bundle.path("entry").spliterator(), false)
            .filter(e -> e.path("search").path("mode").asText("match").equals(mode)).toList();
    }

    /** The plan an entry names: the alias at the end of its {@code meta.source}. */
    private static String plan(JsonNode entry) {
        String source = entry.path("resource").path("meta").path("source").asText();
        return source.substring(source.lastIndexOf('/') + 1);
    }

    private static Optional<String> link(JsonNode bundle, String relation) {
        return StreamSupport.stream(bundle.path("link").spliterator(), false)
            .filter(l -> relation.equals(l.path("relation").asText())).map(l -> l.path("url").asText()).findFirst();
    }

    private String relative(String url) {
        String api = realm.api().url("");
        assertTrue(url.startsWith(api), url + " is under " + api);
        return url.substring(api.length());
    }

    private JsonNode proxyEvents() throws Exception {
        return realm.admin.get("events?max=500&type=IDENTITY_PROVIDER_RETRIEVE_TOKEN"
            + "&type=IDENTITY_PROVIDER_RETRIEVE_TOKEN_ERROR");
    }
}
