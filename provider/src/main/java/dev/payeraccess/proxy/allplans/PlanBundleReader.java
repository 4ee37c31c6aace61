package dev.payeraccess.proxy.allplans;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one plan's answer, already rewritten for the caller, while it is written: an {@link OutputStream} fed to a
 * non-blocking JSON parser, so the plan's thread pushes bytes and each Bundle entry is handed on as soon as it is
 * complete, one at a time ({@link Sink#accept} may block: that is the look-ahead's bound). Only one entry is held
 * at a time, at most {@code maxEntryBytes} of it; the Bundle's {@code link} and {@code total} are handed on too, and
 * an error answer's {@code issue}s are kept for its outcome entry.
 */
final class PlanBundleReader extends OutputStream {

    /** Where the reader hands what it read; may block, and throws when the search no longer wants more. */
    interface Sink {
        void accept(PlanItem item) throws IOException;
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Sink sink;
    private final long maxEntryBytes;
    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final Deque<JsonNode> open = new ArrayDeque<>();
    private final byte[] single = new byte[1];
    private int depth;
    private String field;
    private String capturing;
    private String pendingName;
    private long fed;
    private long captureStart;
    private Optional<JsonNode> issues = Optional.empty();

    PlanBundleReader(Sink sink, long maxEntryBytes) throws IOException {
        this.sink = sink;
        this.maxEntryBytes = maxEntryBytes;
        this.parser = JSON.createNonBlockingByteArrayParser();
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    /** The {@code issue}s of an OperationOutcome answer, if the answer was one. */
    Optional<JsonNode> issues() {
        return issues;
    }

    @Override
    public void write(int b) throws IOException {
        single[0] = (byte) b;
        write(single, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return;
        }
        feeder.feedInput(bytes, offset, offset + length);
        fed += length;
        for (JsonToken token = parser.nextToken(); token != null && token != JsonToken.NOT_AVAILABLE;
             token = parser.nextToken()) {
            read(token);
        }
    }

    @Override
    public void close() throws IOException {
        feeder.endOfInput();
        parser.close();
    }

    private void read(JsonToken token) throws IOException {
        if (capturing != null) {
            capture(token);
            return;
        }
        switch (token) {
            case FIELD_NAME -> field = parser.currentName();
            case START_OBJECT, START_ARRAY -> {
                depth++;
                if (depth == 2 && "link".equals(field) && token == JsonToken.START_ARRAY
                    || depth == 2 && "issue".equals(field) && token == JsonToken.START_ARRAY
                    || depth == 3 && "entry".equals(field) && token == JsonToken.START_OBJECT) {
                    startCapture(depth == 3 ? "entry" : field, token);
                }
            }
            case END_OBJECT, END_ARRAY -> depth--;
            case VALUE_NUMBER_INT -> {
                if (depth == 1 && "total".equals(field)) {
                    sink.accept(new PlanItem.Total(parser.getLongValue()));
                }
            }
            default -> {
                // other values of the Bundle itself are the merged Bundle's own business
            }
        }
    }

    private void startCapture(String what, JsonToken token) {
        capturing = what;
        captureStart = fed;
        open.clear();
        open.push(token == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode());
    }

    private void capture(JsonToken token) throws IOException {
        if (fed - captureStart > maxEntryBytes) {
            throw new IOException("an entry of the plan's answer is larger than " + maxEntryBytes + " bytes");
        }
        switch (token) {
            case FIELD_NAME -> pendingName = parser.currentName();
            case START_OBJECT -> open.push(add(NODES.objectNode()));
            case START_ARRAY -> open.push(add(NODES.arrayNode()));
            case END_OBJECT, END_ARRAY -> {
                JsonNode closed = open.pop();
                if (open.isEmpty()) {
                    depth--;
                    finish(closed);
                }
            }
            case VALUE_STRING -> add(NODES.textNode(parser.getText()));
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> add(NODES.numberNode(parser.getDecimalValue()));
            case VALUE_TRUE, VALUE_FALSE -> add(NODES.booleanNode(token == JsonToken.VALUE_TRUE));
            case VALUE_NULL -> add(NODES.nullNode());
            default -> {
                // no other token occurs in JSON text
            }
        }
    }

    /** Adds a value to the innermost open object (under the field just read) or array; returns it. */
    private JsonNode add(JsonNode value) {
        if (open.peek() instanceof ObjectNode object) {
            object.set(pendingName, value);
        } else if (open.peek() instanceof ArrayNode array) {
            array.add(value);
        }
        return value;
    }

    private void finish(JsonNode captured) throws IOException {
        String what = capturing;
        capturing = null;
        switch (what) {
            case "entry" -> sink.accept(new PlanItem.Entry((ObjectNode) captured));
            case "link" -> sink.accept(new PlanItem.Links(links(captured)));
            default -> issues = Optional.of(captured);
        }
    }

    private static Map<String, String> links(JsonNode array) {
        Map<String, String> links = new LinkedHashMap<>();
        for (JsonNode link : array) {
            if (link.path("relation").isTextual() && link.path("url").isTextual()) {
                links.putIfAbsent(link.get("relation").asText(), link.get("url").asText());
            }
        }
        return links;
    }
}
