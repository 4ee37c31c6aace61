package dev.payeraccess.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What one error of a run says, short enough to count errors by: the status and the first words of the answer (an
 * OperationOutcome's {@code diagnostics}, else the body), or the exception and the first words of its message. A
 * failed run then says why it failed, not only how often.
 */
record ErrorCause(String text) {

    /** Enough words to tell the proxy's answers apart (they differ early), few enough to group by. */
    static final int WORDS = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer that is not the 200 the reader expected. */
    static ErrorCause ofAnswer(int status, String body) {
        return new ErrorCause("HTTP " + status + " \"" + firstWords(diagnosticsOr(body)) + "\"");
    }

    /** A request that got no answer at all. */
    static ErrorCause ofFailure(IOException e) {
        return new ErrorCause(e.getClass().getSimpleName() + " \"" + firstWords(String.valueOf(e.getMessage())) + "\"");
    }

    private static String diagnosticsOr(String body) {
        try {
            JsonNode outcome = JSON.readTree(body);
            JsonNode diagnostics = outcome == null ? null : outcome.path("issue").path(0).get("diagnostics");
            return diagnostics != null && diagnostics.isTextual() ? diagnostics.asText() : body;
        } catch (IOException notJson) {
            return body;
        }
    }

    private static String firstWords(String text) {
        String[] words = text.strip().split("\\s+");
        String first = Arrays.stream(words).limit(WORDS).collect(Collectors.joining(" "));
        return words.length > WORDS ? first + " …" : first;
    }

    @Override
    public String toString() {
        return text;
    }
}
