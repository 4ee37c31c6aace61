package dev.payeraccess.proxy.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payeraccess.plan.PagingMode;
import dev.payeraccess.proxy.paging.BundlePaging;
import dev.payeraccess.proxy.paging.OffsetPaging;
import dev.payeraccess.proxy.policy.AnswerFilter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FhirJsonRewriterTest {

    private static final String PLAN = "http://127.0.0.1:8090/r4";
    private static final String PROXY = "http://localhost:8080/realms/r1/payer-access/fhir/test";
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The app was granted claims and demographics, but not clinical results. */
    private final FhirJsonRewriter rewriter =
            new FhirJsonRewriter(PLAN, PROXY, Set.of("ExplanationOfBenefit", "Patient", "Bundle")::contains);

    // --- URL rewriting ---------------------------------------------------------------------------------------

    @Test
    void pagingLinksOfASearchsetLeadBackThroughTheProxy() throws IOException {
        String answer = """
                {"resourceType":"Bundle","type":"searchset","link":[
                  {"relation":"self","url":"{plan}/ExplanationOfBenefit?patient=p1"},
                  {"relation":"next","url":"{plan}?_getpages=abc&_getpagesoffset=20"},
                  {"relation":"previous","url":"{plan}?_getpages=abc&_getpagesoffset=0"}]}""";

        JsonNode links = tree(copied(answer)).get("link");

        assertEquals(PROXY + "/ExplanationOfBenefit?patient=p1", links.get(0).get("url").asText());
        assertEquals(PROXY + "?_getpages=abc&_getpagesoffset=20", links.get(1).get("url").asText());
        assertEquals(PROXY + "?_getpages=abc&_getpagesoffset=0", links.get(2).get("url").asText());
    }

    @Test
    void bundleLinksWithDotSegmentsAreLeftOutRawOrEncoded() throws IOException {
        String answer = """
                {"resourceType":"Bundle","type":"searchset","link":[
                  {"relation":"self","url":"{plan}/ExplanationOfBenefit?patient=p1"},
                  {"relation":"next","url":"{plan}/../admin?x=1"},
                  {"relation":"previous","url":"{plan}/Coverage/%2e%2E/x"},
                  {"relation":"first","url":"../../realms/master"},
                  {"relation":"last","url":"Coverage/.%2e/y?_getpages=a"},
                  {"relation":"alternate","url":"Coverage?name=..%2F"}]}""";

        JsonNode links = tree(copied(answer)).get("link");

        assertEquals(2, links.size(), links::toString);
        assertEquals(PROXY + "/ExplanationOfBenefit?patient=p1", links.get(0).get("url").asText());
        assertEquals("Coverage?name=..%2F", links.get(1).get("url").asText(), "a query may hold dots");
    }

    @Test
    void fullUrlsAndAbsoluteReferencesAreRewrittenButRelativeAndForeignOnesAreNot() throws IOException {
        String answer = """
                {"resourceType":"Bundle","type":"searchset","entry":[{"fullUrl":"{plan}/ExplanationOfBenefit/e1",
                 "resource":{"resourceType":"ExplanationOfBenefit","id":"e1",
                   "patient":{"reference":"{plan}/Patient/p1"},
                   "provider":{"reference":"Practitioner/dr1"},
                   "insurer":{"reference":"https://other.example/r4/Organization/o1"},
                   "facility":{"reference":"http://127.0.0.1:8090/r4x/Location/l1"},
                   "extension":[{"url":"{plan}","valueString":"{plan}?x=1"}]}}]}""";

        String expected = """
                {"resourceType":"Bundle","type":"searchset","entry":[{"fullUrl":"{proxy}/ExplanationOfBenefit/e1",
                 "resource":{"resourceType":"ExplanationOfBenefit","id":"e1",
                   "patient":{"reference":"{proxy}/Patient/p1"},
                   "provider":{"reference":"Practitioner/dr1"},
                   "insurer":{"reference":"https://other.example/r4/Organization/o1"},
                   "facility":{"reference":"http://127.0.0.1:8090/r4x/Location/l1"},
                   "extension":[{"url":"{proxy}","valueString":"{proxy}?x=1"}]}}]}""";
        assertEquals(tree(expected), tree(copied(answer)));
    }

    @Test
    void fieldNamesAreNeverRewritten() throws IOException {
        String answer = """
                {"resourceType":"Patient","contained":[{"{plan}/x":"{plan}/Patient/p1"}]}""";

        assertEquals(tree("""
                {"resourceType":"Patient","contained":[{"{plan}/x":"{proxy}/Patient/p1"}]}"""), tree(copied(answer)));
    }

    @Test
    void singleHeaderValuesAreRewrittenWithTheSameRule() {
        assertEquals(PROXY + "/Patient/p1/_history/2", rewriter.rewrite(PLAN + "/Patient/p1/_history/2"));
        assertEquals(PROXY, rewriter.rewrite(PLAN));
        assertEquals(PLAN + "x/Patient/p1", rewriter.rewrite(PLAN + "x/Patient/p1"));
        assertEquals("Patient/p1", rewriter.rewrite("Patient/p1"));
    }

    @Test
    void trailingSlashesOnEitherBaseDoNotDoubleOrDropSlashes() throws IOException {
        FhirJsonRewriter slashed = new FhirJsonRewriter(PLAN + "/", PROXY + "//", type -> true);

        assertEquals(PROXY + "/Patient/p1", slashed.rewrite(PLAN + "/Patient/p1"));
        assertEquals(PROXY + "?_getpages=a", slashed.rewrite(PLAN + "?_getpages=a"));
        assertEquals(PROXY, slashed.rewrite(PLAN));
    }

    @Test
    void aPatientPassesThroughWithOnlyItsUrlsRewritten() throws IOException {
        String patient = """
                {"resourceType":"Patient","id":"p1","meta":{"versionId":"3","source":"{plan}/Patient/p1"},
                 "active":true,"deceasedBoolean":false,"photo":null,
                 "name":[{"family":"Müller","given":["Zoë","José"]}],
                 "managingOrganization":{"reference":"Organization/o1"},
                 "link":[{"other":{"reference":"{plan}/Patient/p0"},"type":"replaces"}]}""";

        assertEquals(tree(patient.replace("{plan}", "{proxy}")), tree(copied(patient)));
        assertEquals(0, rewriter.removedEntries());
    }

    @Test
    void anOperationOutcomePassesThroughWithOnlyItsUrlsRewritten() throws IOException {
        String outcome = """
                {"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"not-found",
                 "diagnostics":"Resource {plan}/Patient/p9 is not known","location":["Patient.id"]}]}""";

        // Only whole values on the base are moved; a URL inside prose is left alone.
        assertEquals(tree(outcome), tree(copied(outcome)));
    }

    // --- Entry filtering -------------------------------------------------------------------------------------

    @Test
    void includedEntriesOfUnreadableTypesAreRemovedAndCounted() throws IOException {
        String answer = bundle(
                entry("ExplanationOfBenefit", "e1"),
                entry("Observation", "o1"),
                entry("Patient", "p1"),
                entry("Observation", "o2"),
                entry("ExplanationOfBenefit", "e2"));

        JsonNode entries = tree(copied(answer)).get("entry");

        assertEquals(List.of("ExplanationOfBenefit/e1", "Patient/p1", "ExplanationOfBenefit/e2"), ids(entries));
        assertEquals(2, rewriter.removedEntries());
    }

    @Test
    void anEntryIsJudgedByItsResourceTypeWhereverItAppears() throws IOException {
        String answer = """
                {"resourceType":"Bundle","type":"searchset","entry":[
                 {"search":{"mode":"include"},"resource":{"id":"o1","valueQuantity":{"value":5.0},
                   "note":[{"text":"late type"}],"resourceType":"Observation"},"fullUrl":"{plan}/Observation/o1"},
                 {"resource":{"id":"e1","total":[{"amount":{"value":0.10}}],"resourceType":"ExplanationOfBenefit"},
                   "fullUrl":"{plan}/ExplanationOfBenefit/e1"}]}""";

        String copied = copied(answer);

        assertEquals(tree("""
                {"resourceType":"Bundle","type":"searchset","entry":[
                 {"resource":{"id":"e1","total":[{"amount":{"value":0.10}}],"resourceType":"ExplanationOfBenefit"},
                   "fullUrl":"{proxy}/ExplanationOfBenefit/e1"}]}"""), tree(copied));
        assertTrue(copied.contains("\"value\":0.10"), copied);
        assertEquals(1, rewriter.removedEntries());
    }

    @Test
    void anEntryWithoutAResourceIsKept() throws IOException {
        String answer = """
                {"resourceType":"Bundle","type":"batch-response","entry":[
                 {"fullUrl":"{plan}/Observation/o1","response":{"status":"404 Not Found"}},
                 {"search":{"mode":"outcome"}}]}""";

        assertEquals(tree(answer.replace("{plan}", "{proxy}")), tree(copied(answer)));
        assertEquals(0, rewriter.removedEntries());
    }

    @Test
    void aResourceWithoutAResourceTypeIsWithheld() throws IOException {
        String answer = """
                {"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"id":"mystery"}}]}""";

        assertEquals(0, tree(copied(answer)).get("entry").size());
        assertEquals(1, rewriter.removedEntries());
    }

    @Test
    void aBundleInsideAnEntryIsRewrittenButNotFiltered() throws IOException {
        String inner = bundle(entry("Observation", "o1"), entry("Patient", "p1"));
        String answer = """
                {"resourceType":"Bundle","type":"collection","entry":[{"fullUrl":"{plan}/Bundle/b1","resource":%s}]}"""
                .formatted(inner.replace("\"type\":\"searchset\"", "\"id\":\"b1\",\"type\":\"document\""));

        JsonNode nested = tree(copied(answer)).get("entry").get(0).get("resource");

        assertEquals(List.of("Observation/o1", "Patient/p1"), ids(nested.get("entry")));
        assertEquals(PROXY + "/Observation/o1", nested.get("entry").get(0).get("fullUrl").asText());
        assertEquals(0, rewriter.removedEntries());
    }

    @Test
    void entriesBeforeTheTopLevelResourceTypeAreStillFiltered() throws IOException {
        String answer = """
                {"id":"x","link":[{"relation":"self","url":"{plan}/Patient?_id=p1&_revinclude=*"}],
                 "entry":[%s,%s,%s],"type":"searchset","resourceType":"Bundle"}"""
                .formatted(entry("Patient", "p1"), entry("Observation", "o1"), entry("ExplanationOfBenefit", "e1"));

        String copied = copied(answer);
        JsonNode bundle = tree(copied);

        assertEquals("Bundle", bundle.get("resourceType").asText());
        assertEquals(PROXY + "/Patient?_id=p1&_revinclude=*", bundle.get("link").get(0).get("url").asText());
        assertEquals(List.of("Patient/p1", "ExplanationOfBenefit/e1"), ids(bundle.get("entry")));
        assertEquals(PROXY + "/Patient/p1", bundle.get("entry").get(0).get("fullUrl").asText());
        assertTrue(copied.contains("\"valueDecimal\":12.50"), copied);
        assertEquals(1, rewriter.removedEntries());
    }

    @Test
    void anEntryFieldOfANonBundleIsLeftWhole() throws IOException {
        String list = """
                {"entry":[{"item":{"reference":"{plan}/Observation/o1"}}],"resourceType":"List","status":"current"}""";

        assertEquals(tree(list.replace("{plan}", "{proxy}")), tree(copied(list)));
        assertEquals(0, rewriter.removedEntries());
    }

    @Test
    void theParserMayAlreadyStandOnTheFirstToken() throws IOException {
        String answer = bundle(entry("Observation", "o1"), entry("Patient", "p1"));
        JsonParser peeked = JSON.createParser(utf8(answer));
        peeked.nextToken(); // what the proxy does before it commits to a 200

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            rewriter.copy(peeked, generator);
        }

        assertEquals(List.of("Patient/p1"), ids(tree(out.toString(StandardCharsets.UTF_8)).get("entry")));
    }

    // --- Faithful copy ---------------------------------------------------------------------------------------

    @Test
    void numbersKeepTheirExactText() throws IOException {
        String answer = """
                {"resourceType":"Patient","extension":[{"valueDecimal":12.50},{"valueDecimal":0.10},
                 {"valueDecimal":-0.0},{"valueDecimal":1.000000000000000000000001},{"valueDecimal":1E-7},
                 {"valueInteger":-0},{"valueInteger":123456789012345678901234567890}]}""";

        assertEquals(compact(answer), copied(answer));
    }

    @Test
    void numbersInHeldEntriesKeepTheirExactText() throws IOException {
        // The type comes last, so the whole entry goes through the hold before it is released.
        String answer = """
                {"resourceType":"Bundle","entry":[{"resource":{"valueDecimal":12.50,"n":0.10,
                 "big":1.000000000000000000000001,
                 "resourceType":"Patient"}}]}""";

        assertEquals(compact(answer), copied(answer));
    }

    @Test
    void unicodeEscapesBooleansAndNullsSurvive() throws IOException {
        String answer = """
                {"resourceType":"Patient",
                 "text":{"div":"<div xmlns=\\"http://www.w3.org/1999/xhtml\\">\
                Ünïcödé ✓ 😀 \\u00e9\\n\\ttab \\\\ back</div>"},
                 "active":true,"deceasedBoolean":false,"photo":null,"empty":"","nested":[[[]],{}],
                 "name":[{"text":"李小龙 \\"Bruce\\" \\u2028"}]}""";

        assertEquals(tree(answer), tree(copied(answer)));
    }

    // --- Refusals --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "{\"resourceType\":\"Patient\",\"name\":[{\"text\":\"SECRET Jane\"}]",
        "{\"resourceType\":\"Patient\",\"note\":\"SECRET diagnosis",
        "[{\"resourceType\":\"Patient\",\"id\":\"SECRET\"}]",
        "\"SECRET\"",
        "{\"resourceType\":\"Patient\",\"id\":\"p1\"} SECRET",
        "{\"resourceType\":\"Patient\",\"id\":\"p1\"}{\"id\":\"SECRET\"}",
        "{\"resourceType\":\"Patient\",\"name\":SECRET}",
        "{\"resourceType\":\"Patient\",\"name\":'SECRET'}",
        "{\"id\":\"SECRET\"}",
        "{\"resourceType\":42,\"id\":\"SECRET\"}",
        "{\"resourceType\":\"Patient\",\"resourceType\":\"Bundle\",\"id\":\"SECRET\"}",
        "{\"resourceType\":\"Bundle\",\"entry\":{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"SECRET\"}}}",
        "{\"resourceType\":\"Bundle\",\"entry\":[\"SECRET\"]}",
    })
    void refusesWhatIsNotOneFhirJsonObjectWithoutQuotingIt(String answer) {
        IOException refused = assertThrows(IOException.class, () -> copied(answer));

        for (Throwable t = refused; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("SECRET"), t.getMessage());
        }
    }

    // --- Scale -----------------------------------------------------------------------------------------------

    @Test
    void aHundredMegabyteBundleStreamsThroughInBoundedMemory() throws IOException {
        assumeFalse(ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+DisableExplicitGC"),
                "needs System.gc() to measure the live heap");
        GeneratedBundle plan = new GeneratedBundle(100_000);
        CountingOutputStream app = new CountingOutputStream();
        long before = liveHeap();

        try (JsonParser in = JSON.createParser(plan); JsonGenerator out = JSON.createGenerator(app)) {
            rewriter.copy(in, out);
        }

        assertTrue(plan.bytesServed() > 100_000_000L, "generated " + plan.bytesServed());
        assertEquals(plan.expectedRewrittenSize(), app.count());
        assertEquals(plan.droppedEntries(), rewriter.removedEntries());
        // Holding the bundle (or even the kept half) would take hundreds of MB; one entry is about 1 KB.
        long growth = plan.liveHeapNearTheEnd() - before;
        assertTrue(growth < 32L * 1024 * 1024, "live heap grew by " + growth + " bytes while streaming");
    }

    @Test
    void anOffsetPagedSearchsetStillStreamsAndGetsItsNextLinkAfterTheEntries() throws IOException {
        assumeFalse(ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+DisableExplicitGC"),
                "needs System.gc() to measure the live heap");
        GeneratedBundle plan = new GeneratedBundle(60_000);
        TailOutputStream app = new TailOutputStream(1024);
        OffsetPaging paging = new OffsetPaging(PROXY + "/ExplanationOfBenefit?_include=*", "_offset",
            OptionalLong.of(0));
        FhirJsonRewriter offsetRewriter = new FhirJsonRewriter(PLAN, PROXY, AnswerFilter.byTypeOnly(
                Set.of("ExplanationOfBenefit", "Patient", "Bundle")::contains),
                    new BundlePaging(UnaryOperator.identity(),
                url -> Optional.empty(), host -> { }, PagingMode.OFFSET, Optional.of(paging)),
                FhirJsonRewriter.DEFAULT_MAX_HELD_CHARS);
        long before = liveHeap();

        try (JsonParser in = JSON.createParser(plan); JsonGenerator out = JSON.createGenerator(app)) {
            offsetRewriter.copy(in, out);
        }

        // Every entry matched, the withheld half too: the plan counted them in its page.
        assertTrue(app.tail().endsWith(resolve("""
                ],"link":[{"relation":"self","url":"{proxy}/ExplanationOfBenefit?_include=*"},\
                {"relation":"next","url":"{proxy}/ExplanationOfBenefit?_include=*&_offset=60000"}]}""")), app.tail());
        long growth = plan.liveHeapNearTheEnd() - before;
        assertTrue(growth < 24L * 1024 * 1024, "live heap grew by " + growth + " bytes while streaming");
    }

    // --- Helpers ---------------------------------------------------------------------------------------------

    private String copied(String answer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonParser in = JSON.createParser(utf8(answer)); JsonGenerator generator = JSON.createGenerator(out)) {
            rewriter.copy(in, generator);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static InputStream utf8(String template) {
        return new ByteArrayInputStream(resolve(template).getBytes(StandardCharsets.UTF_8));
    }

    private static String resolve(String template) {
        return template.replace("{plan}", PLAN).replace("{proxy}", PROXY);
    }

    private static JsonNode tree(String json) throws IOException {
        return MAPPER.readTree(resolve(json));
    }

    /** The document without whitespace, every token as written; only for documents whose strings hold no spaces. */
    private static String compact(String json) {
        return resolve(json).replaceAll("\\s+", "").replace(PLAN, PROXY);
    }

    private static String bundle(String... entries) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[" + String.join(",", entries) + "]}";
    }

    private static String entry(String type, String id) {
        return """
                {"fullUrl":"{plan}/%1$s/%2$s","resource":{"resourceType":"%1$s","id":"%2$s",
                 "extension":[{"url":"http://example.org/amount","valueDecimal":12.50}]},"search":{"mode":"match"}}"""
                .formatted(type, id);
    }

    private static List<String> ids(JsonNode entries) {
        List<String> ids = new ArrayList<>();
        for (JsonNode entry : entries) {
            JsonNode resource = entry.get("resource");
            ids.add(resource.get("resourceType").asText() + "/" + resource.get("id").asText());
        }
        return ids;
    }

    private static long liveHeap() {
        System.gc();
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /**
     * A searchset of alternating kept (ExplanationOfBenefit) and dropped (Observation) entries of about 1 KB,
     * made up as it is read so the test never holds the document.
     */
    private static final class GeneratedBundle extends InputStream {
        private static final byte[] HEAD = bytes("""
                {"resourceType":"Bundle","type":"searchset",\
                "link":[{"relation":"self","url":"{plan}/ExplanationOfBenefit?_include=*"}],"entry":[""");
        private static final byte[] TAIL = bytes("]}");
        private static final byte[] COMMA = bytes(",");
        private static final String PADDING = "x".repeat(800);
        private static final byte[] KEPT = bytes(generatedEntry("ExplanationOfBenefit"));
        private static final byte[] DROPPED = bytes(generatedEntry("Observation"));

        private final int entries;
        private int nextEntry;
        private byte[] chunk = HEAD;
        private int position;
        private long served;
        private long liveHeapNearTheEnd = -1;

        GeneratedBundle(int entries) {
            this.entries = entries;
        }

        private static String generatedEntry(String type) {
            return resolve("""
                    {"fullUrl":"{plan}/%1$s/x1","resource":{"resourceType":"%1$s","id":"x1",\
                    "patient":{"reference":"{plan}/Patient/p1"},"total":[{"amount":{"value":12.50,"currency":"USD"}}],\
                    "text":{"status":"generated","div":"<div>%2$s</div>"}},"search":{"mode":"match"}}"""
                    .formatted(type, PADDING));
        }

        private static byte[] bytes(String text) {
            return resolve(text).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            while (position == chunk.length) {
                if (!advance()) {
                    return -1;
                }
            }
            int n = Math.min(length, chunk.length - position);
            System.arraycopy(chunk, position, buffer, offset, n);
            position += n;
            served += n;
            return n;
        }

        private boolean advance() {
            position = 0;
            if (chunk == TAIL) {
                chunk = new byte[0];
                return false;
            }
            if (nextEntry == entries) {
                chunk = TAIL;
            } else if (chunk == KEPT || chunk == DROPPED) {
                chunk = COMMA;
            } else {
                chunk = nextEntry % 2 == 0 ? KEPT : DROPPED;
                nextEntry++;
                if (nextEntry == entries * 9 / 10) {
                    // Measured while the rewriter is mid-stream, so whatever it holds is still reachable.
                    liveHeapNearTheEnd = liveHeap();
                }
            }
            return true;
        }

        long bytesServed() {
            return served;
        }

        long liveHeapNearTheEnd() {
            return liveHeapNearTheEnd;
        }

        int droppedEntries() {
            return entries / 2;
        }

        long expectedRewrittenSize() {
            int kept = entries - droppedEntries();
            long entryOut = new String(KEPT, StandardCharsets.UTF_8).replace(PLAN, PROXY).length();
            long headOut = new String(HEAD, StandardCharsets.UTF_8).replace(PLAN, PROXY).length();
            return headOut + kept * entryOut + (kept - 1) + TAIL.length;
        }
    }

    /** Keeps only the last bytes written: the end of a document too large to hold. */
    private static final class TailOutputStream extends OutputStream {
        private final byte[] ring;
        private long count;

        TailOutputStream(int size) {
            ring = new byte[size];
        }

        @Override
        public void write(int b) {
            ring[(int) (count++ % ring.length)] = (byte) b;
        }

        String tail() {
            int n = (int) Math.min(count, ring.length);
            byte[] last = new byte[n];
            for (int i = 0; i < n; i++) {
                last[i] = ring[(int) ((count - n + i) % ring.length)];
            }
            return new String(last, StandardCharsets.UTF_8);
        }
    }

    private static final class CountingOutputStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }

        long count() {
            return count;
        }
    }
}
