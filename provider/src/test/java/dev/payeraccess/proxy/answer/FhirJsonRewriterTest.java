package dev.payeraccess.proxy.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.payeraccess.plan.PagingMode;
import dev.payeraccess.proxy.paging.BundlePaging;
import dev.payeraccess.proxy.paging.OffsetPaging;
import dev.payeraccess.proxy.policy.AnswerFilter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole answer: copied faithfully, refused when it is no FHIR JSON resource, streamed at any size. */
class FhirJsonRewriterTest extends RewrittenAnswers {

    // --- Faithful copy ---------------------------------------------------------------------------------------

    @Test
    void copiedEntriesJoinAnotherBundleAndThePlansNextLinkIsRead() throws IOException {
        String answer = """
            {"entry":[%s],"resourceType":"Bundle","total":2,"link":[{"relation":"self","url":"{plan}/x"},
             {"relation":"next","url":"{plan}/ExplanationOfBenefit?page=2"}],"id":"b1"}"""
            .formatted(entry("ExplanationOfBenefit", "e1") + "," + entry("Observation", "o1"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FhirJsonRewriter.CopiedEntries copied;
        try (JsonParser in = JSON.createParser(utf8(answer)); JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartArray();
            copied = rewriter.copyEntries(in, generator);
            generator.writeEndArray();
        }

        assertEquals(1, copied.written(), "the Observation is withheld");
        assertEquals(Optional.of(PLAN + "/ExplanationOfBenefit?page=2"), copied.next());
        assertEquals(List.of("ExplanationOfBenefit/e1"), ids(MAPPER.readTree(out.toByteArray())));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(PROXY + "/ExplanationOfBenefit/e1"));
        assertThrows(MalformedAnswerException.class, () -> rewriter.copyEntries(JSON.createParser(
            utf8("{\"resourceType\":\"Patient\"}")), JSON.createGenerator(new ByteArrayOutputStream())));
    }

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
        // A key twice: the filter could look at one value and the app read the other (this test's parser does not
        // check; the rewriter does, in what it copies, holds and skips alike).
        "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p1\","
            + "\"id\":\"SECRET\"}}]}",
        "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"ExplanationOfBenefit\","
            + "\"patient\":{\"reference\":\"Patient/p1\",\"reference\":\"Patient/SECRET\"}}}]}",
        "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Observation\","
            + "\"a\":{\"b\":1,\"b\":\"SECRET\"}}}]}",
        "{\"resourceType\":\"Bundle\",\"link\":[{\"relation\":\"next\",\"url\":\"{plan}?p=1\","
            + "\"url\":\"https://SECRET\"}],\"entry\":[]}",
        "{\"resourceType\":\"Bundle\",\"total\":1,\"total\":2,\"id\":\"SECRET\"}",
        "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"a\":1,\"b\":2,"
            + "\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9,\"j\":10,\"k\":11,\"l\":12,\"m\":13,"
            + "\"n\":14,\"o\":15,\"p\":16,\"q\":17,\"r\":18,\"a\":\"SECRET\"}}]}",
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
