package dev.payeraccess.it;

import static dev.payeraccess.it.Refusals.assertRefusedWithoutCallingPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.PlanUrls;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.Area;
import dev.payeraccess.sandbox.control.ReceivedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How real plans page, through the proxy: {@code next} links on another host of the plan (a CDN or API gateway)
 * and paging by an offset parameter without {@code next} links. Sherie has linked four plans on the sandbox's
 * test track, alike but for their paging settings; the sandbox's paging quirks are switched on per test.
 */
@ExtendWith(PayerAccessStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanPagingIT {

    /** Lists the sandbox's second host, after a host of the plan's that is not the sandbox's. */
    private static final String GATEWAY = "gateway";
    /** Lists no paging host. */
    private static final String NO_PAGING_HOSTS = "no-paging-hosts";
    /** {@code pagingMode=offset}, {@code offsetParameter=startIndex}. */
    private static final String OFFSET = "offset-start-index";
    /** Left at {@code next-links}. */
    private static final String NEXT_LINKS = "next-links";
    private static final String OTHER_PLAN_HOST = "https://cdn.plan.invalid/r4";
    private static final String SCOPE = "openid patient/*.read";
    private static final int PAGE = 5;

    private KeycloakStack stack;
    private TestRealm realm;
    private PlanUrls plan;
    private PayerAccessApi sherie;

    @BeforeAll
    void linkSherieToFourPlans(KeycloakStack stack) throws Exception {
        this.stack = stack;
        plan = stack.sandbox().urls();
        realm = TestRealm.create(stack, "paging");
        realm.addSmartScopes();
        realm.addPlan(realm.plan(GATEWAY, Track.TEST,
            c -> c.put("pagingHosts", OTHER_PLAN_HOST + ", " + plan.pagingHostBase())));
        realm.addPlan(realm.plan(NO_PAGING_HOSTS, Track.TEST));
        realm.addPlan(realm.plan(OFFSET, Track.TEST, c -> {
            c.put("pagingMode", "offset");
            c.put("offsetParameter", "startIndex");
        }));
        realm.addPlan(realm.plan(NEXT_LINKS, Track.TEST));
        MemberLinking walk = new MemberLinking(stack);
        for (String alias : List.of(GATEWAY, NO_PAGING_HOSTS, OFFSET, NEXT_LINKS)) {
            walk.link(realm, alias, TestMembers.SHERIE, new KeycloakBrowser());
        }
        realm.addUser("eve"); // links another member to the same plan
        KeycloakBrowser eves = new KeycloakBrowser();
        eves.follow(eves.verifyMember(walk.toPlanPage(realm, GATEWAY, "eve", eves),
            MemberLinking.memberForm(TestMembers.MAYTE)), TestRealm.APP_REDIRECT);
        sherie = realm.api().as(realm.token(TestRealm.USER, SCOPE));
    }

    @AfterAll
    void dropRealm() throws Exception {
        realm.delete();
    }

    @Nested
    @DisplayName("Given a plan whose next links point at its second host")
    class SecondHost {

        @Test
        void listedAsAPagingHostTheAppFollowsProxyLinksToEveryEntryOnceAndThePlanServesThePagesThere()
            throws Exception {
            stack.sandbox().controls().nextLinksOnSecondHost(true);

            Pages pages = everyPage(sherie, GATEWAY, "ExplanationOfBenefit?_count=" + PAGE);

            assertTrue(pages.total() > 2 * PAGE, "several pages: " + pages.total());
            assertEquals(pages.total(), pages.ids().size(), "every entry");
            assertEquals(pages.total(), new HashSet<>(pages.ids()).size(), "each once");
            pages.bodies().forEach(body -> {
                assertFalse(body.contains(plan.base()) || body.contains(plan.pagingHost()),
                    "a plan URL reached the app: " + body);
                assertFalse(body.contains("cdn.plan.invalid"), body);
            });
            List<ReceivedRequest> onSecondHost = atPlan(plan.pagingHost());
            assertEquals(pages.count() - 1, onSecondHost.size(), "every page after the first, at the second host");
            String memberToken = atPlan(plan.base()).get(0).header("Authorization").orElseThrow();
            assertEquals(Optional.of(TestMembers.SHERIE), stack.sandbox().grants()
                .lookup(memberToken.substring("Bearer ".length())).map(grant -> grant.member()));
            onSecondHost.forEach(r -> assertEquals(Optional.of(memberToken), r.header("Authorization")));
        }

        @Test
        void notListedTheFirstPageComesWithoutTheLinkThePlanIsNeverCalledThereAndTheAdminIsTold() throws Exception {
            stack.sandbox().controls().nextLinksOnSecondHost(true);

            ApiResponse first = sherie.fhir(NO_PAGING_HOSTS).get("ExplanationOfBenefit?_count=" + PAGE);

            assertEquals(200, first.status(), first::toString);
            assertEquals(PAGE, first.json().get("entry").size());
            assertTrue(first.json().get("total").asInt() > PAGE);
            assertEquals(Optional.empty(), link(first.json(), "next"), "no next link to a host the plan does not list");
            assertFalse(first.body().contains(plan.pagingHost()), first.body());
            assertEquals(List.of(), atPlan(plan.pagingHost()));
            String warning = awaitLogLine("Plan " + NO_PAGING_HOSTS + " answered with a Bundle link to "
                + plan.pagingHost() + ",");
            assertTrue(warning.contains("\"Paging hosts\""), warning);
            assertFalse(stack.keycloak().logText().contains(plan.pagingHostBase() + "/ExplanationOfBenefit"),
                "the link's path and query (member data) are not logged");
        }
    }

    @Nested
    @DisplayName("Given a plan that pages by startIndex without next links")
    class OffsetPaging {

        @Test
        void withPagingModeOffsetTheProxyWritesTheNextLinksToTheLastEntry() throws Exception {
            stack.sandbox().controls().offsetPaging("startIndex");

            Pages pages = everyPage(sherie, OFFSET, "ExplanationOfBenefit?_count=" + PAGE);

            assertTrue(pages.total() > 2 * PAGE, "several pages: " + pages.total());
            assertEquals(pages.total(), pages.ids().size(), "entries == total");
            assertEquals(pages.total(), new HashSet<>(pages.ids()).size(), "each once");
            assertEquals((pages.total() + PAGE - 1) / PAGE, pages.count());
            List<String> queries = stack.sandbox().controls().requests(Area.FHIR).stream()
                .map(r -> String.valueOf(r.query())).toList();
            assertTrue(queries.stream().anyMatch(q -> q.contains("startIndex=" + PAGE)), queries.toString());
            assertTrue(queries.stream().noneMatch(q -> q.contains("_offset")), queries.toString());
        }

        /**
         * What an administrator sees when a plan that pages by an offset parameter is left at {@code next-links}: the
         * first page only, with nothing to say more exist but {@code Bundle.total}. The fix is Paging = offset and
         * the plan's offset parameter.
         */
        @Test
        void leftAtNextLinksTheAppGetsTheFirstPageOnly() throws Exception {
            stack.sandbox().controls().offsetPaging("startIndex");

            ApiResponse first = sherie.fhir(NEXT_LINKS).get("ExplanationOfBenefit?_count=" + PAGE);

            assertEquals(200, first.status(), first::toString);
            assertEquals(PAGE, first.json().get("entry").size());
            assertTrue(first.json().get("total").asInt() > PAGE, "the plan holds more");
            assertEquals(Optional.empty(), link(first.json(), "next"));
        }
    }

    @Nested
    @DisplayName("Given HAPI page links (?_getpages=) and a caller who has seen other page ids")
    class HapiPages {

        @Test
        void noPageIdReachesThePlanWithoutItsOwnGrant() throws Exception {
            stack.sandbox().controls().serverSidePaging(true);
            String claims = relative(sherie, NEXT_LINKS, link(sherie.fhir(NEXT_LINKS)
                .get("ExplanationOfBenefit?_count=" + PAGE).json(), "next").orElseThrow());
            String other = relative(sherie, NEXT_LINKS, link(sherie.fhir(NEXT_LINKS)
                .get("ExplanationOfBenefit?_count=3").json(), "next").orElseThrow()); // another search's page
            String claimsId = value(claims, "_getpages");
            String otherId = value(other, "_getpages");
            String grant = "payer-access-page=" + value(claims, "payer-access-page");

            assertRefusedWithoutCallingPlan(sherie.fhir(NEXT_LINKS).get("?_getpages=" + otherId + "&"
                + claims.substring(1)), 400);
            assertRefusedWithoutCallingPlan(sherie.fhir(NEXT_LINKS).get(claims + "&_getpages=" + otherId), 400);
            assertRefusedWithoutCallingPlan(sherie.fhir(NEXT_LINKS).get(claims.replace(claimsId, otherId)), 403);
            assertRefusedWithoutCallingPlan(sherie.fhir(NEXT_LINKS).get("?_getpages=" + otherId + "&" + grant), 403);
            assertRefusedWithoutCallingPlan(sherie.fhir(NEXT_LINKS).get(claims.replace("_getpagesoffset=" + PAGE,
                "_getpagesoffset=0")), 403);
            assertRefusedWithoutCallingPlan(sherie.fhir(NEXT_LINKS).get(claims.replace("_count=" + PAGE,
                "_count=500")), 403);

            ApiResponse own = sherie.fhir(NEXT_LINKS).get(claims);
            assertEquals(200, own.status(), own::toString);
            ReceivedRequest atPlan = atPlan(plan.base()).get(atPlan(plan.base()).size() - 1);
            assertTrue(String.valueOf(atPlan.query()).startsWith("_getpages=" + claimsId), atPlan.query());
            assertFalse(String.valueOf(atPlan.query()).contains("payer-access"), "the grant stays with the proxy");
        }
    }

    @Nested
    @DisplayName("Given a page link at a paging host that someone tampers with")
    class Tampering {

        @Test
        void movedToAnotherUserOrPlanOrAlteredAnywhereItIsRefusedWithoutCallingThePlan() throws Exception {
            stack.sandbox().controls().nextLinksOnSecondHost(true);
            String next = link(sherie.fhir(GATEWAY).get("ExplanationOfBenefit?_count=" + PAGE).json(), "next")
                .orElseThrow();
            // "?payer-access-host-page={Type}.{host}.{at}.{expires}.{mac}"
            String page = relative(sherie, GATEWAY, next);
            String[] parts = page.substring(page.indexOf('=') + 1).split("\\.");
            String[] grant = {parts[0], parts[1], parts[2], parts[3] + "." + parts[4]};
            PayerAccessApi eve = realm.api().as(realm.token("eve", SCOPE));

            assertEquals(200, sherie.fhir(GATEWAY).get(page).status(), "Sherie follows her own link");
            assertEquals(200, eve.fhir(GATEWAY).get("ExplanationOfBenefit?_count=1").status(),
                "Eve reads her own claims");
            assertRefusedWithoutCallingPlan(eve.fhir(GATEWAY).get(page), 403);
            assertRefusedWithoutCallingPlan(sherie.fhir(NO_PAGING_HOSTS).get(page), 403);
            assertRefusedWithoutCallingPlan(sherie.fhir(GATEWAY).get(hostPage(grant[0], "0", grant[2], grant[3])), 403);
            assertRefusedWithoutCallingPlan(sherie.fhir(GATEWAY).get(hostPage(grant[0], "2", grant[2], grant[3])), 403);
            assertRefusedWithoutCallingPlan(
                sherie.fhir(GATEWAY).get(hostPage("Coverage", grant[1], grant[2], grant[3])), 403);
            for (String at : List.of("/../../oauth2/token", "/ExplanationOfBenefit%2F..%2F..%2Foauth2%2Ftoken",
                "/ExplanationOfBenefit?patient=" + TestMembers.DELMAR.patientId() + "&_count=5")) {
                assertRefusedWithoutCallingPlan(
                    sherie.fhir(GATEWAY).get(hostPage(grant[0], grant[1], base64(at), grant[3])), 403);
            }
            assertRefusedWithoutCallingPlan(sherie.fhir(GATEWAY).get(hostPage(grant[0], grant[1], grant[2], "")), 403);
            assertRefusedWithoutCallingPlan(sherie.fhir(GATEWAY).get(page + "&_count=100"), 400);
            assertRefusedWithoutCallingPlan(realm.api().as(realm.token(TestRealm.USER, "openid patient/Coverage.read"))
                .fhir(GATEWAY).get(page), 403);
        }
    }

    /** Every page of a search through the proxy, following only the links the proxy handed out. */
    private Pages everyPage(PayerAccessApi api, String alias, String search) throws Exception {
        List<String> ids = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        int total = -1;
        Optional<String> next = Optional.of(api.fhir(alias).base() + "/" + search);
        while (next.isPresent()) {
            assertTrue(next.get().startsWith(api.fhir(alias).base()), "a link off the proxy: " + next.get());
            ApiResponse page = api.fhir(alias).get(relative(api, alias, next.get()));
            assertEquals(200, page.status(), page::toString);
            assertTrue(bodies.size() < 100, "paging does not end");
            bodies.add(page.body());
            JsonNode bundle = page.json();
            total = bundle.path("total").asInt(total);
            bundle.path("entry").forEach(entry -> ids.add(entry.get("resource").get("id").asText()));
            next = link(bundle, "next");
        }
        return new Pages(ids, bodies, total);
    }

    private record Pages(List<String> ids, List<String> bodies, int total) {
        int count() {
            return bodies.size();
        }
    }

    /** What follows the plan's proxy base in {@code link}, as {@link PayerAccessApi.Fhir#get} takes it. */
    private static String relative(PayerAccessApi api, String alias, String link) {
        String rest = link.substring(api.fhir(alias).base().length());
        return rest.startsWith("/") ? rest.substring(1) : rest;
    }

    /** A host page link; {@code grant} is {@code {expires}.{mac}} as the proxy wrote it, or something else. */
    private static String hostPage(String type, String host, String at, String grant) {
        return "?payer-access-host-page=" + type + "." + host + "." + at + "." + grant;
    }

    /** The (still encoded) value of the query parameter {@code name} in {@code link}. */
    private static String value(String link, String name) {
        for (String pair : link.substring(link.indexOf('?') + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + link);
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> link(JsonNode bundle, String relation) {
        for (JsonNode link : bundle.path("link")) {
            if (relation.equals(link.path("relation").asText())) {
                return Optional.of(link.path("url").asText());
            }
        }
        return Optional.empty();
    }

    /** The FHIR requests the sandbox received on the host {@code origin} ({@code http://host:port}). */
    private List<ReceivedRequest> atPlan(String origin) {
        String hostAndPort = URI.create(origin).getAuthority();
        return stack.sandbox().controls().requests(Area.FHIR).stream()
            .filter(r -> r.header("Host").orElse("").equals(hostAndPort)).toList();
    }

    /** The first line of Keycloak's log that contains {@code text}, waiting a little for the log to be written. */
    private String awaitLogLine(String text) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(5));
        while (true) {
            Optional<String> line = stack.keycloak().logText().lines().filter(l -> l.contains(text)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("no log line with: " + text);
            }
            Thread.sleep(100);
        }
    }
}
