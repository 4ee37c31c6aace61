package dev.payeraccess.proxy.allplans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.fhir.FhirProblem;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MergedPageTest {

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

    /** A plan's page of claims created on the given days, with a next link when it has more. */
    private static String page(String alias, boolean sorted, boolean more, String... days) {
        StringBuilder json = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":9,"
            + "\"link\":[{\"relation\":\"self\",\"url\":\"" + plan(alias).proxyBase() + "/Claim?"
            + (sorted ? "_sort=-created&" : "") + "_count=3\"}");
        if (more) {
            json.append(",{\"relation\":\"next\",\"url\":\"").append(plan(alias).proxyBase())
                .append("?_getpages=p2&grant=g\"}");
        }
        json.append("],\"entry\":[");
        for (int i = 0; i < days.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"resource\":{\"resourceType\":\"Claim\",\"id\":\"")
                .append(alias).append(i).append("\",\"created\":\"").append(days[i]).append("\"}}");
        }
        return json.append("]}").toString();
    }

    /** A plan that writes its answer in small pieces, pausing between them as a slow plan would. */
    private PlanStream stream(String alias, int taken, long pauseMillis, String answer) {
        PlanStream stream = new PlanStream(plan(alias), new CrossPlanCursor.Position(alias, "Claim",
            Optional.of("_count=3"), taken));
        stream.start(threads, out -> {
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i += 16) {
                out.write(bytes, i, Math.min(16, bytes.length - i));
                pause(pauseMillis);
            }
            return 200;
        });
        return stream;
    }

    private static void pause(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stopped");
        }
    }

    private MergedPage.Result merge(Optional<String> sort, int count, PlanStream... streams) throws Exception {
        return new MergedPage(List.of(streams), SortOrder.of(sort), count, System.nanoTime() + 5_000_000_000L,
            written::add).merge();
    }

    private List<String> ids() {
        return written.stream().map(e -> e.path("resource").path("id").asText()).toList();
    }

    @Test
    void keepsTheSortAcrossPlansWhileASlowPlanStreams() throws Exception {
        MergedPage.Result result = merge(Optional.of("-created"), 10,
            stream("a", 0, 2, page("a", true, false, "2024-05-01", "2024-03-01", "2024-01-01")),
            stream("b", 0, 0, page("b", true, false, "2024-04-01", "2024-02-01")));
        assertEquals(List.of("a0", "b0", "a1", "b1", "a2"), ids());
        assertEquals(List.of(), result.positions(), "both plans are done");
        assertEquals(Optional.of(18L), result.total());
        assertEquals(plan("a").proxyBase() + "/Claim/a0", written.get(0).path("fullUrl").asText());
    }

    @Test
    void aFullPageLeavesEachPlanWhereItStoodAndTheNextPageSkipsWhatWasTaken() throws Exception {
        MergedPage.Result result = merge(Optional.of("-created"), 2,
            stream("a", 0, 0, page("a", true, false, "2024-05-01", "2024-03-01")),
            stream("b", 0, 0, page("b", true, false, "2024-04-01", "2024-02-01")));
        assertEquals(List.of("a0", "b0"), ids());
        assertEquals(List.of(1, 1), result.positions().stream().map(CrossPlanCursor.Position::taken).toList());
        assertEquals(List.of(List.of(key("a0")), List.of(key("b0"))),
            result.positions().stream().map(CrossPlanCursor.Position::takenEntries).toList(),
            "the entries themselves, each by its type and id (the plan sent no fullUrl)");
        written.clear();
        merge(Optional.of("-created"), 2,
            stream("a", 1, 0, page("a", true, false, "2024-05-01", "2024-03-01")),
            stream("b", 1, 0, page("b", true, false, "2024-04-01", "2024-02-01")));
        assertEquals(List.of("a1", "b1"), ids());
    }

    /** What the cursor keeps of the claim with this id, which the plan sent without a fullUrl. */
    private static String key(String id) throws IOException {
        return MergedPage.entryKey((ObjectNode) new ObjectMapper().readTree(
            "{\"resource\":{\"resourceType\":\"Claim\",\"id\":\"" + id + "\"}}"), 0);
    }

    /** A plan's unsorted page of claims with these ids, in this order. */
    private static String claims(String... ids) {
        StringBuilder json = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[");
        for (int i = 0; i < ids.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"resource\":{\"resourceType\":\"Claim\",\"id\":\"")
                .append(ids[i]).append("\"}}");
        }
        return json.append("]}").toString();
    }

    private PlanStream stream(CrossPlanCursor.Position position, String answer) {
        PlanStream stream = new PlanStream(plan(position.alias()), position);
        stream.start(threads, out -> {
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
            return 200;
        });
        return stream;
    }

    @Test
    void aPageThePlanListsInAnotherOrderWhenReadAgainRepeatsAndDropsNothing() throws Exception {
        CrossPlanCursor.Position first = new CrossPlanCursor.Position("a", "Claim", Optional.of("_count=3"), 0);
        MergedPage.Result result = merge(Optional.empty(), 2, stream(first, claims("c1", "c2", "c3")));
        assertEquals(List.of("c1", "c2"), ids());
        CrossPlanCursor.Position next = result.positions().get(0);
        assertEquals(2, next.takenEntries().size(), "the cursor says which entries were taken");
        written.clear();

        merge(Optional.empty(), 2, stream(next, claims("c3", "c2", "c1")));

        assertEquals(List.of("c3"), ids(), "c1 and c2 are not sent again, c3 is not passed over");
    }

    @Test
    void aCursorKeptByAnEarlierVersionStillSkipsByCount() throws Exception {
        merge(Optional.empty(), 5, stream(new CrossPlanCursor.Position("a", "Claim", Optional.empty(), 2),
            claims("c1", "c2", "c3")));
        assertEquals(List.of("c3"), ids());
    }

    @Test
    void aMatchThatArrivesJustAfterTheMergeLookedIsStillSkippedWhenAnEarlierPageTookIt() throws Exception {
        PlanStream late = new PlanStream(plan("a"), new CrossPlanCursor.Position("a", "Claim", Optional.of("_count=3"),
            2), new ArrayBlockingQueue<>(PlanStream.LOOK_AHEAD) {
                private boolean seen;

                @Override
                public PlanItem poll() {
                    seen = !seen; // every item is there only when looked for a second time
                    return seen ? null : super.poll();
                }
            });
        late.start(threads, out -> {
            byte[] bytes = page("a", false, false, "2024-05-01", "2024-03-01", "2024-01-01")
                .getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
            return 200;
        });
        MergedPage.Result result = merge(Optional.empty(), 10, late);
        assertEquals(List.of("a2"), ids(), "the two matches the earlier pages took are not sent again");
        assertEquals(List.of(), result.positions());
    }

    @Test
    void aSortedPageEndsWhereAPlansPageEndsWithMoreToCome() throws Exception {
        MergedPage.Result result = merge(Optional.of("-created"), 10,
            stream("a", 0, 0, page("a", true, true, "2024-05-01")),
            stream("b", 0, 0, page("b", true, false, "2024-06-01", "2024-04-01", "2024-01-01")));
        assertEquals(List.of("b0", "a0"), ids(), "b1 may come after a's next page: it waits for it");
        assertEquals(List.of(new CrossPlanCursor.Position("a", "", Optional.of("_getpages=p2&grant=g"), 0),
            new CrossPlanCursor.Position("b", "Claim", Optional.of("_count=3"), 1, List.of(key("b0")))),
            result.positions());
    }

    @Test
    void aFailingPlanIsAnOutcomeEntryAndTheOtherIsStillMerged() throws Exception {
        PlanStream failing = new PlanStream(plan("b"), new CrossPlanCursor.Position("b", "Claim", Optional.empty(),
            0));
        failing.start(threads, out -> {
            throw FhirProblem.planError("Plan b answered HTTP 500; its answer is not passed on.").exception();
        });
        MergedPage.Result result = merge(Optional.empty(), 10,
            stream("a", 0, 0, page("a", false, false, "2024-05-01", "2024-03-01")), failing);
        assertEquals(3, written.size());
        ObjectNode outcome = written.stream().filter(e -> e.path("search").path("mode").asText().equals("outcome"))
            .findFirst().orElseThrow();
        assertTrue(outcome.path("resource").path("issue").path(0).path("diagnostics").asText()
            .startsWith("Plan b was not read (HTTP 502)"), outcome.toString());
        assertEquals(List.of(), result.positions());
        assertEquals(Optional.of(9L), result.total(), "a failed plan's total is not known, nor counted");
        assertEquals(Optional.of("plan_error"), result.ends().get(plan("b")).error());
    }

    @Test
    void aPlanThatDidNotSortIsCalledOut() throws Exception {
        merge(Optional.of("-created"), 10, stream("a", 0, 0, page("a", false, false, "2024-01-01", "2024-05-01")));
        assertEquals("outcome", written.get(0).path("search").path("mode").asText());
        assertTrue(written.get(0).toString().contains("did not sort"), written.get(0).toString());
    }

    @Test
    void aPlanThatSendsNothingByTheDeadlineHasTimedOut() throws Exception {
        PlanStream silent = new PlanStream(plan("b"), new CrossPlanCursor.Position("b", "Claim", Optional.empty(),
            0));
        silent.start(threads, out -> {
            pause(10_000);
            return 200;
        });
        MergedPage.Result result = new MergedPage(List.of(silent), SortOrder.of(Optional.of("-created")), 5,
            System.nanoTime() + 300_000_000L, written::add).merge();
        assertEquals("timeout", written.get(0).path("resource").path("issue").path(0).path("code").asText());
        assertEquals(504, result.ends().get(plan("b")).status());
    }
}
