package dev.payeraccess.proxy.answer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.payeraccess.plan.HostileJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A plan's Bundle or OperationOutcome streams through the rewriter with the parser {@link RelayedAnswer} reads
 * answers with: values longer, names longer, numbers longer or nesting deeper than FHIR's are refused mid-stream
 * (the app sees the answer cut off, never the node stalled), and millions of tiny entries stream without being held.
 */
class HostileAnswerTest {

    private static final String PLAN = "http://127.0.0.1:8090/r4";
    private final FhirJsonRewriter rewriter = new FhirJsonRewriter(PLAN, "http://localhost/fhir/p",
        Set.of("Coverage", "Bundle", "OperationOutcome")::contains);

    @Test
    void answersPastFhirsShapeAreRefusedWhileTheyStream() {
        String deep = "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Coverage\",\"x\":"
            + HostileJson.nested(RelayedAnswer.MAX_DEPTH + 10, false) + "}}]}";
        String longValue = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"diagnostics\":\""
            + "d".repeat(RelayedAnswer.MAX_STRING_CHARS + 1) + "\"}]}";
        String longName = "{\"resourceType\":\"OperationOutcome\",\"" + "n".repeat(RelayedAnswer.MAX_NAME_CHARS + 1)
            + "\":1}";
        String longNumber = "{\"resourceType\":\"Coverage\",\"order\":" + "1".repeat(RelayedAnswer.MAX_NUMBER_CHARS + 1)
            + "}";

        for (String answer : new String[] {deep, longValue, longName, longNumber}) {
            assertThrows(IOException.class, () -> streamed(answer), answer.substring(0, 60));
        }
    }

    @Test
    void millionsOfTinyEntriesStreamWithoutBeingHeld() throws IOException {
        String bundle = HostileJson.repeated("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[",
            "{}", "]}", 8 * 1024 * 1024);

        HostileJson.Measured<Long> copied = HostileJson.measured(() -> {
            try {
                return streamed(bundle);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });

        assertTrue(copied.result() > 5_000_000, "copied " + copied.result());
    }

    @Test
    void randomAnswersAreCopiedOrRefusedNeverMore() {
        for (long seed = 0; seed < 1_000; seed++) {
            String answer = "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":" + new HostileJson(seed).document(6)
                + "}]," + new HostileJson(new Random(seed).nextLong()).document(3).substring(1);
            try {
                streamed(answer);
            } catch (IOException refused) {
                // a plan's malformed answer ends the stream; nothing else may escape
            }
        }
    }

    /** Bytes written, to nowhere. */
    private long streamed(String answer) throws IOException {
        long[] written = {0};
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                written[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written[0] += len;
            }
        };
        try (JsonParser in = RelayedAnswer.parser(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)));
             JsonGenerator out = RelayedAnswer.JSON.createGenerator(counting)) {
            rewriter.copy(in, out);
        }
        return written[0];
    }
}
