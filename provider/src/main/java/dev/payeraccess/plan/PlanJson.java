package dev.payeraccess.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;

/**
 * How JSON a plan sent is read: a plan is untrusted input, so every document it sends is read within bounds of
 * size, nesting, string and name length and token count (Jackson's {@link StreamReadConstraints}), and one with a
 * key twice in an object is refused (the extension could otherwise act on one value while a log or an app sees
 * the other). A document past a bound fails to parse like one that is not JSON at all.
 *
 * <p>Two readers: {@link #tree} for the small documents read whole (discovery, token answers, error bodies, a page
 * of a Patient search), whose tree is then at most a few megabytes, and {@link #stream} for the CapabilityStatement,
 * which is only ever walked token by token, keeping what {@link PlanCapabilities} bounds.
 */
public final class PlanJson {

    /**
     * FHIR resources nest about 10 to 20 levels (Bundle.entry.resource.contained.extension.extension); discovery and
     * token answers 2 or 3. Deeper is not a document we read, and Jackson's default (1000) costs a deep stack.
     */
    static final int MAX_DEPTH = 64;
    /**
     * The longest single value read: a token (a JWT of a few kilobytes) or a CapabilityStatement's markdown. Jackson's
     * default is 20 million characters.
     */
    static final int MAX_STRING_CHARS = 256 * 1024;
    /** Field names of FHIR and OAuth are short words; Jackson's default is 50,000. */
    static final int MAX_NAME_CHARS = 256;
    /** Counts, expiries and FHIR decimals; Jackson's default of 1000 digits makes big-number parsing costly. */
    static final int MAX_NUMBER_CHARS = 64;
    /** The largest small document read whole (a page of a Patient search; token answers are far smaller). */
    static final long MAX_TREE_BYTES = 1024 * 1024;
    /**
     * Tokens of a document read whole: a real 1 MB Bundle has about 100,000. Bounds the tree that is built (a few
     * dozen bytes per node) whatever the shape, e.g. a megabyte of {@code [0,0,0,...]}.
     */
    static final long MAX_TREE_TOKENS = 200_000;
    /** The largest CapabilityStatement read ({@link PlanMetadata} stops reading the answer there too). */
    static final long MAX_STREAM_BYTES = 4L * 1024 * 1024;
    /**
     * Tokens of a streamed CapabilityStatement: walked, not kept. A document has hardly more tokens than bytes, so
     * its length is what bounds the work; this only says so.
     */
    static final long MAX_STREAM_TOKENS = MAX_STREAM_BYTES;

    private static final ObjectMapper TREE = new ObjectMapper(factory(MAX_TREE_BYTES, MAX_TREE_TOKENS));
    private static final JsonFactory STREAM = factory(MAX_STREAM_BYTES, MAX_STREAM_TOKENS);

    private PlanJson() {
    }

    /**
     * A small document read whole.
     *
     * @throws IOException when it is not JSON or exceeds a bound (the message may quote the plan: never show it)
     */
    public static JsonNode tree(String document) throws IOException {
        return TREE.readTree(document);
    }

    /** As {@link #tree(String)}, for bytes (e.g. a JWT's decoded claims). */
    public static JsonNode tree(byte[] document) throws IOException {
        return TREE.readTree(document);
    }

    /** A parser over a large document, to be walked token by token. */
    public static JsonParser stream(String document) throws IOException {
        return STREAM.createParser(document);
    }

    /** A generator for what the extension keeps of a plan's document. */
    static JsonGenerator writer(Writer out) throws IOException {
        return STREAM.createGenerator(out);
    }

    private static JsonFactory factory(long maxDocumentBytes, long maxTokens) {
        return JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxStringLength(MAX_STRING_CHARS)
                .maxNameLength(MAX_NAME_CHARS)
                .maxNumberLength(MAX_NUMBER_CHARS)
                .maxDocumentLength(maxDocumentBytes)
                .maxTokenCount(maxTokens)
                .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    }
}
