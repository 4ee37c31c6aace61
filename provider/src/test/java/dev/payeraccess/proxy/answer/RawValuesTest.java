package dev.payeraccess.proxy.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.proxy.paging.BundlePaging;
import dev.payeraccess.proxy.policy.AnswerFilter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Objects and arrays of a plan's answer pass as the plan's own bytes ({@link RawValues}) when a {@link PassingParser}
 * reads it; what the app gets must mean exactly what the token-by-token copy gives, and the answers that copy refuses
 * are refused too.
 */
class RawValuesTest extends RewrittenAnswers {

    private static final String PATIENT = "Patient/p1";

    /** Claims inspected (held whole, their patient noted), Patients returned, Observations withheld. */
    private final AnswerFilter filter = new AnswerFilter() {
        @Override
        public Verdict byType(String type) {
            return switch (type) {
                case "ExplanationOfBenefit" -> Verdict.INSPECT;
                case "Observation" -> Verdict.WITHHOLD;
                default -> Verdict.RETURN;
            };
        }

        @Override
        public boolean mayReturn(String type, String id, Map<String, Set<String>> references) {
            return references.getOrDefault("patient", Set.of()).equals(Set.of(PATIENT));
        }
    };

    private FhirJsonRewriter rewriter() {
        return new FhirJsonRewriter(PLAN, PROXY, filter, BundlePaging.onPlanBaseOnly(link -> link + "&signed=1"),
            FhirJsonRewriter.DEFAULT_MAX_HELD_CHARS);
    }

    /** Jackson's own parser: every value copied token by token. */
    private static final JsonFactory TOKENS = new JsonFactory();

    private String copy(InputStream answer) throws IOException {
        return copy(JSON, answer);
    }

    private String copy(JsonFactory parsers, InputStream answer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonParser in = parsers.createParser(answer); JsonGenerator generator = JSON.createGenerator(out)) {
            rewriter().copy(in, generator);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Raw and token by token: the same meaning, or both refused. */
    private void sameEitherWay(String answer) throws IOException {
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        String tokens;
        try {
            tokens = copy(TOKENS, new ByteArrayInputStream(bytes));
        } catch (IOException refused) {
            assertThrows(IOException.class, () -> copy(new ByteArrayInputStream(bytes)), answer);
            assertThrows(IOException.class, () -> copy(new Trickle(bytes, answer.hashCode())), answer);
            return;
        }
        String raw = copy(new ByteArrayInputStream(bytes));
        assertEquals(MAPPER.readTree(tokens), MAPPER.readTree(raw), answer);
        // Each read of the plan's answer brings 1 to 7 bytes: every token starts and ends across the buffer's end.
        assertEquals(raw, copy(new Trickle(bytes, answer.hashCode())), answer);
    }

    /** As the proxy copies a plan's answer: its parser and bounds. */
    private String copyAsProxy(byte[] answer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonParser in = RelayedAnswer.parser(new ByteArrayInputStream(answer));
             JsonGenerator generator = RelayedAnswer.generator(out)) {
            rewriter().copy(in, generator);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** An answer that arrives a few bytes at a time. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private final Random random;
        private int at;

        Trickle(byte[] bytes, long seed) {
            this.bytes = bytes;
            this.random = new Random(seed);
        }

        @Override
        public int read() {
            return at < bytes.length ? bytes[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + random.nextInt(7)), bytes.length - at);
            System.arraycopy(bytes, at, b, off, n);
            at += n;
            return n;
        }
    }

    @Test
    void randomAnswersMeanTheSameRawAsTokenByToken() throws IOException {
        for (long seed = 0; seed < 2_000; seed++) {
            sameEitherWay(new Answers(seed).bundle());
        }
    }

    @Test
    void plansUrlsAreMovedHoweverThePlanEscapesThemAndKeysNever() throws IOException {
        String answer = resolve("""
            {"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient","id":"p1",
              "link":[{"other":{"reference":"{plan}/Patient/p2"}},
                      {"other":{"reference":"http:\\/\\/127.0.0.1:8090\\/r4\\/Patient\\/p3"}},
                      {"other":{"reference":"{plan}"}}, {"other":{"reference":"{plan}x/Patient/p4"}},
                      {"other":{"reference":"{plan}?_getpages=abc"}}],
              "extension":[{"{plan}/Patient/key":"\\u00e9t\\u00e9 \\ud83d\\ude00 caf\u00e9"}]}}]}""");

        JsonNode copied = MAPPER.readTree(copied(answer));

        JsonNode links = copied.path("entry").path(0).path("resource").path("link");
        assertEquals(PROXY + "/Patient/p2", links.path(0).path("other").path("reference").asText());
        assertEquals(PROXY + "/Patient/p3", links.path(1).path("other").path("reference").asText());
        assertEquals(PROXY, links.path(2).path("other").path("reference").asText());
        assertEquals(PLAN + "x/Patient/p4", links.path(3).path("other").path("reference").asText(), "another base");
        assertEquals(PROXY + "?_getpages=abc", links.path(4).path("other").path("reference").asText(),
            "a page link on the base is the proxy's (this rewriter grants none)");
        JsonNode extension = copied.path("entry").path(0).path("resource").path("extension").path(0);
        assertEquals("\u00e9t\u00e9 \ud83d\ude00 caf\u00e9", extension.path(PLAN + "/Patient/key").asText(),
            "a key is not a URL to move; escaped and unescaped text survive");
        sameEitherWay(answer);
    }

    @Test
    void aHeldClaimIsDecidedByTheReferenceInsideARawValue() throws IOException {
        String mine = "{\"resource\":{\"resourceType\":\"ExplanationOfBenefit\",\"id\":\"c1\","
            + "\"patient\":{\"reference\":\"" + PATIENT + "\"},\"item\":[{\"sequence\":1,\"net\":{\"value\":12.50}}]}}";
        String theirs = mine.replace("c1", "c2").replace(PATIENT, "Patient/p2");
        String answer = "{\"resourceType\":\"Bundle\",\"entry\":[" + mine + "," + theirs + "]}";

        String copied = copy(utf8(answer));

        JsonNode entries = MAPPER.readTree(copied).path("entry");
        assertEquals(1, entries.size(), copied);
        assertEquals("c1", entries.path(0).path("resource").path("id").asText());
        assertTrue(copied.contains("12.50"), "the plan's number text");
    }

    @Test
    void aValueLongerThanTheParsersBufferStreamsAcrossIt() throws IOException {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            items.append(i == 0 ? "" : ",").append("{\"sequence\":").append(i).append(",\"note\":\"{plan}/Claim/")
                .append(i).append("\"}");
        }
        String answer = resolve("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\","
            + "\"id\":\"p1\",\"item\":[" + items + "]}}]}");
        assertTrue(answer.length() > 100_000, "many times Jackson's 8 KB buffer");

        JsonNode item = MAPPER.readTree(copied(answer)).path("entry").path(0).path("resource").path("item");

        assertEquals(20_000, item.size());
        assertEquals(PROXY + "/Claim/19999", item.path(19_999).path("note").asText());
    }

    @Test
    void stringsAreCheckedAndBoundedAsTheProxysParserBoundsThem() {
        String head = "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"x\":[\"";
        String tail = "\"]}}]}";
        byte[] invalidUtf8 = (head + "\u00ff" + tail).getBytes(StandardCharsets.ISO_8859_1);
        byte[] control = (head + "a\u0001b" + tail).getBytes(StandardCharsets.UTF_8);
        byte[] tooLong = (head + "s".repeat(RelayedAnswer.MAX_STRING_CHARS + 1) + tail)
            .getBytes(StandardCharsets.UTF_8);

        for (byte[] answer : List.of(invalidUtf8, control, tooLong)) {
            IOException refused = assertThrows(IOException.class, () -> copyAsProxy(answer));
            assertFalse(String.valueOf(refused.getMessage()).contains("sss"), refused.getMessage());
        }
    }

    @Test
    void valuesJacksonRefusesAreRefusedRawAndTheOthersMeanTheSame() throws IOException {
        List<String> values = List.of(
            "[1, -0.5e+3, 0, 10E2, 1e-7, true, false, null, \"a\\u00e9\\n\\/\", {}, []]", "{\"a\":{\"b\":[[ ]]}}",
            "[\"\\ud83d\\ude00 caf\u00e9\"]", "{ \"a\" : 1 , \"b\" : [ 2 ] }", "[\"\\\\\"]",
            "[1,]", "[,1]", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":}", "{1:2}", "[01]", "[-01]", "[1.]", "[-]", "[1e]",
            "[1e+]", "[.5]", "[+1]", "[tru]", "[truex]", "[nul]", "[True]", "[NaN]", "[0x10]", "[1.5.5]", "[1e5.5]",
            "{\"a\":1 \"b\":2}", "[1 2]", "[\"a\" \"b\"]", "[\"\\x\"]", "[\"\\u12G4\"]", "[}", "{]", "[\"a\":1]",
            "{\"a\"::1}", "[1}", "{\"a\":1]", "['a']", "[1,,2]", "{\"a\":1,\"a\":2}", "{\"a\":1,\"\\u0061\":2}",
            "[\"a\u0001\"]", "[[[1]]", "[1]]", "{\"a\":{}}}",
            // keys compared as Jackson reads them: escaped or not, and past the names compared one by one
            "{\"\\u0061bc\":1,\"abc\":2}", "{\"\\u0061bc\":1,\"abd\":2}", names(40, "k0"), names(40, "k40"),
            // a plan URL whose escapes spell half a surrogate pair is still moved, and written as the token path does
            "{\"reference\":\"" + PLAN + "/Patient/\\ud800x\"}", "[\"" + PLAN + "\\/Claim\\/c\\ud83d\\ude00\"]");
        for (String value : values) {
            for (String type : List.of("Patient", "Observation", "ExplanationOfBenefit")) {
                sameEitherWay("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"" + type
                    + "\",\"patient\":{\"reference\":\"" + PATIENT + "\"},\"x\":" + value + "}}]}");
            }
        }
    }

    /** An object of {@code count} names {@code k0, k1, ...}, and then {@code last}. */
    private static String names(int count, String last) {
        StringBuilder object = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            object.append("\"k").append(i).append("\":").append(i).append(',');
        }
        return object.append('"').append(last).append("\":true}").toString();
    }

    @Test
    void nestingIsBoundedAsTheProxysParserBoundsIt() throws IOException {
        String within = "[".repeat(RelayedAnswer.MAX_DEPTH - 4) + "]".repeat(RelayedAnswer.MAX_DEPTH - 4);
        String deeper = "[".repeat(RelayedAnswer.MAX_DEPTH) + "]".repeat(RelayedAnswer.MAX_DEPTH);
        String head = "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"x\":";

        assertTrue(copyAsProxy((head + within + "}}]}").getBytes(StandardCharsets.UTF_8)).contains(within));
        IOException refused = assertThrows(IOException.class,
            () -> copyAsProxy((head + deeper + "}}]}").getBytes(StandardCharsets.UTF_8)));
        assertTrue(refused.getMessage().contains("limits"), refused.getMessage());
    }

    @Test
    void anAnswerInUtf16IsCopiedTokenByToken() throws IOException {
        String answer = resolve("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\","
            + "\"id\":\"p1\",\"link\":[{\"other\":{\"reference\":\"{plan}/Patient/p2\"}}]}}]}");

        String copied = copy(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_16BE)));

        assertTrue(copied.contains(PROXY + "/Patient/p2"), copied);
    }

    /** Random Bundles of the shapes above, with whitespace, escapes, plan URLs, keys and numbers the plan chose. */
    private static final class Answers {
        private static final List<String> TYPES = List.of("ExplanationOfBenefit", "Patient", "Observation",
            "Coverage");
        private static final List<String> NAMES = List.of("reference", "patient", "item", "url", "id", "text",
            "value", "extension", "display", "note");
        private final Random random;

        Answers(long seed) {
            this.random = new Random(seed);
        }

        String bundle() {
            StringBuilder json = new StringBuilder("{\"resourceType\":\"Bundle\",").append(space())
                .append("\"entry\":[");
            int entries = random.nextInt(4);
            for (int i = 0; i < entries; i++) {
                json.append(i == 0 ? "" : ",").append(space()).append("{\"fullUrl\":").append(string())
                    .append(",\"resource\":{\"resourceType\":\"").append(TYPES.get(random.nextInt(TYPES.size())))
                    .append("\",\"patient\":{\"reference\":").append(random.nextBoolean() ? "\"" + PATIENT + "\""
                        : string()).append('}');
                int fields = random.nextInt(4);
                for (int f = 0; f < fields; f++) {
                    json.append(',').append(space()).append('"').append(NAMES.get(random.nextInt(NAMES.size())))
                        .append("\":").append(space()).append(value(3));
                }
                json.append("}}");
            }
            return resolve(json.append("]}").toString());
        }

        private String value(int depth) {
            return switch (depth <= 0 ? random.nextInt(4) : random.nextInt(6)) {
                case 0 -> random.nextBoolean() ? "true" : "null";
                case 1 -> random.nextBoolean() ? Long.toString(random.nextLong()) : "12.50e-3";
                case 2, 3 -> string();
                case 4 -> object(depth - 1);
                default -> array(depth - 1);
            };
        }

        private String object(int depth) {
            StringBuilder json = new StringBuilder("{");
            int fields = random.nextInt(5);
            for (int i = 0; i < fields; i++) {
                // A repeated name now and then: both copies must refuse it.
                String name = random.nextInt(8) == 0 ? "{plan}/Patient/p9" : NAMES.get(random.nextInt(NAMES.size()));
                json.append(i == 0 ? "" : ",").append(space()).append('"').append(name).append('"').append(space())
                    .append(':').append(space()).append(value(depth));
            }
            return json.append(space()).append('}').toString();
        }

        private String array(int depth) {
            StringBuilder json = new StringBuilder("[");
            int elements = random.nextInt(5);
            for (int i = 0; i < elements; i++) {
                json.append(i == 0 ? "" : ",").append(space()).append(value(depth));
            }
            return json.append(']').toString();
        }

        private String string() {
            return switch (random.nextInt(9)) {
                case 0 -> "\"{plan}/Patient/p" + random.nextInt(3) + "\"";
                case 1 -> "\"http:\\/\\/127.0.0.1:8090\\/r4\\/Claim\\/c\"";
                case 2 -> "\"{plan}?_getpages=" + random.nextInt(9) + "\"";
                case 3 -> "\"{plan}\"";
                case 4 -> "\"{plan}x\"";
                case 5 -> "\"caf\u00e9 \\u00e9\\n\\\"quoted\\\" \ud83d\ude00\"";
                case 6 -> "\"" + PATIENT + "\"";
                case 7 -> "\"\\\\\"";
                default -> "\"w" + random.nextInt(100) + "\"";
            };
        }

        private String space() {
            return random.nextInt(3) == 0 ? " \n\t" : "";
        }
    }
}
