package dev.payeraccess.proxy.allplans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code fhir/_all/Patient/$everything}: each plan's single-plan operation (emulated by the proxy, or forwarded to a
 * plan that declares it) merged as it streams, the next page of each plan kept as the single-plan request it is.
 */
class EverythingAcrossPlansTest {

    private static final String FIRST = AllPlansSearch.EVERYTHING;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<ObjectNode> written = new ArrayList<>();

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(5, TimeUnit.SECONDS));
    }

    private static PlanName plan(String alias) {
        return new PlanName(alias, alias, "https://kc/realms/r/payer-access/fhir/" + alias);
    }

    /**
     * An emulated operation's page as {@code EmulatedEverything} writes it: a note, the patient, a claim with the
     * organization it names included, and the signed link to the emulation's next page.
     */
    private static String emulated(String alias) {
        String base = plan(alias).proxyBase();
        return "{\"resourceType\":\"Bundle\",\"id\":\"x\",\"type\":\"searchset\",\"entry\":["
            + "{\"fullUrl\":\"urn:uuid:1\",\"resource\":{\"resourceType\":\"OperationOutcome\",\"issue\":[{"
            + "\"severity\":\"information\",\"code\":\"informational\",\"diagnostics\":\"Claim is not held to "
            + "_since\"}]},\"search\":{\"mode\":\"outcome\"}},"
            + "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"" + alias + "-p\"},"
            + "\"search\":{\"mode\":\"match\"}},"
            + "{\"resource\":{\"resourceType\":\"ExplanationOfBenefit\",\"id\":\"" + alias + "-e\"},"
            + "\"search\":{\"mode\":\"match\"}},"
            + "{\"resource\":{\"resourceType\":\"Organization\",\"id\":\"" + alias + "-o\"},"
            + "\"search\":{\"mode\":\"include\"}}],"
            + "\"link\":[{\"relation\":\"self\",\"url\":\"" + base + "/Patient/" + alias + "-p/$everything?_count=2\"},"
            + "{\"relation\":\"next\",\"url\":\"" + base + "/Patient/" + alias + "-p/$everything?_count=2"
            + "&payer-access-everything=ExplanationOfBenefit.Pz9wYWdlPTI.123.mac\"}]}";
    }

    /** A plan's own operation relayed: its next link is the proxy's page link at that plan. */
    private static String forwarded(String alias) {
        String base = plan(alias).proxyBase();
        return "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":5,\"link\":["
            + "{\"relation\":\"next\",\"url\":\"" + base + "?_getpages=p2&grant=g\"}],\"entry\":["
            + "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"" + alias + "-p\"}},"
            + "{\"resource\":{\"resourceType\":\"Coverage\",\"id\":\"" + alias + "-c\"}}]}";
    }

    private PlanStream stream(String alias, int taken, String answer) {
        PlanStream stream = new PlanStream(plan(alias), new CrossPlanCursor.Position(alias, FIRST,
            Optional.of("_count=2"), taken));
        stream.start(threads, out -> {
            out.write(answer.getBytes(StandardCharsets.UTF_8));
            return 200;
        });
        return stream;
    }

    private MergedPage.Result merge(int count, PlanStream... streams) throws Exception {
        return new MergedPage(List.of(streams), Optional.empty(), count, System.nanoTime() + 5_000_000_000L,
            written::add).merge();
    }

    private List<String> matches() {
        return written.stream().filter(e -> e.path("search").path("mode").asText("match").equals("match"))
            .map(e -> e.path("resource").path("id").asText()).toList();
    }

    @Test
    void mergesAnEmulatedAndAForwardedPlanEachEntryNamingItsPlan() throws Exception {
        MergedPage.Result result = merge(10, stream("a", 0, emulated("a")), stream("b", 0, forwarded("b")));

        assertEquals(List.of("a-e", "a-p", "b-c", "b-p"), matches().stream().sorted().toList());
        assertEquals(6, written.size(), "the emulation's note and its included organization pass too");
        for (ObjectNode entry : written) {
            String source = entry.path("resource").path("meta").path("source").asText();
            assertTrue(source.equals(plan("a").proxyBase()) || source.equals(plan("b").proxyBase()), entry.toString());
        }
        ObjectNode claim = written.stream().filter(e -> e.path("resource").path("id").asText().equals("a-e"))
            .findFirst().orElseThrow();
        assertEquals(plan("a").proxyBase() + "/ExplanationOfBenefit/a-e", claim.path("fullUrl").asText());
        assertEquals(List.of(
            new CrossPlanCursor.Position("a", "Patient/a-p/$everything",
                Optional.of("_count=2&payer-access-everything=ExplanationOfBenefit.Pz9wYWdlPTI.123.mac"), 0),
            new CrossPlanCursor.Position("b", "", Optional.of("_getpages=p2&grant=g"), 0)), result.positions(),
            "each plan goes on as its single-plan operation would: the emulation's cursor, the plan's page link");
    }

    @Test
    void aFullPageLeavesEachPlanWhereItStoodAndTheNextPageTakesUpThere() throws Exception {
        MergedPage.Result result = merge(2, stream("a", 0, emulated("a")), stream("b", 0, forwarded("b")));
        List<String> firstPage = matches();
        assertEquals(2, firstPage.size());
        assertEquals(List.of(FIRST, FIRST), result.positions().stream().map(CrossPlanCursor.Position::path)
            .toList(), "still the first page of each: the member's own patient, looked up again");

        written.clear();
        int takenA = result.positions().get(0).taken();
        int takenB = result.positions().get(1).taken();
        merge(10, stream("a", takenA, emulated("a")), stream("b", takenB, forwarded("b")));
        List<String> all = new ArrayList<>(firstPage);
        all.addAll(matches());
        assertEquals(List.of("a-e", "a-p", "b-c", "b-p"), all.stream().sorted().toList(),
            "every entry once over the two pages");
    }

    @Test
    void itsCursorSurvivesTheStoreAndIsNoSearchCursor() {
        CrossPlanCursor cursor = new CrossPlanCursor("user-1", FIRST, Optional.empty(), 20, List.of(
            new CrossPlanCursor.Position("a", FIRST, Optional.of("_type=Coverage&_count=20"), 3),
            new CrossPlanCursor.Position("b", "Patient/b-p/$everything", Optional.of("payer-access-everything=x"), 0)));
        CrossPlanCursor kept = CrossPlanCursor.fromNotes(cursor.toNotes()).orElseThrow();
        assertEquals(cursor, kept);
        assertTrue(!kept.type().equals("Patient"), "a search of Patient cannot follow it");
    }

    @Test
    void takesTheOperationsParametersAndAPageSize() throws Exception {
        AllPlansQuery query = AllPlansQuery.parse(Optional.of("_type=Coverage,ExplanationOfBenefit&start=2024-01-01"));
        assertEquals(Optional.of("_type=Coverage,ExplanationOfBenefit&start=2024-01-01&_count=20"),
            query.forwardedQuery(), "each plan's page is as large as the merged page");
        assertEquals(Optional.empty(), query.sort());
    }
}
