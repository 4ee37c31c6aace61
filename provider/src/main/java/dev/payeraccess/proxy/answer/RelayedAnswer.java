package dev.payeraccess.proxy.answer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.fhir.OperationOutcomeWriter;
import dev.payeraccess.plan.PlanAnswer;
import dev.payeraccess.proxy.policy.AnswerFilter;
import dev.payeraccess.proxy.request.ProxyRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules for passing a plan's answer on to the app: which statuses pass (2xx, 304 and the plan's own
 * 4xx FHIR answers), which headers come along, that the body must start as a FHIR JSON resource before
 * a status is committed, and that it then streams through the rewriter.
 */
public final class RelayedAnswer {

    /**
     * FHIR resources nest about 10 to 20 levels in a Bundle (entry.resource.contained.extension.extension, a
     * Questionnaire's items); deeper is a plan costing the proxy stack, not data.
     */
    static final int MAX_DEPTH = 128;
    /**
     * The longest single value streamed, held whole while it is copied: an Attachment's base64 data of a 6 MB
     * document. Jackson's default (20 million characters) would let one value of one answer take 40 MB of heap.
     */
    static final int MAX_STRING_CHARS = 8 * 1024 * 1024;
    /** FHIR element names are short words; Jackson's default is 50,000 characters. */
    static final int MAX_NAME_CHARS = 1024;
    /** FHIR decimals carry 18 digits or so; Jackson's default of 1000 makes a number costly to read. */
    static final int MAX_NUMBER_CHARS = 100;
    /**
     * A key twice in one object could show the app one value and the filter another: such an answer is refused.
     * And an answer cut off halfway must stay cut off: by default Jackson closes every open array and object when
     * the generator is closed, which would hand the app a complete-looking Bundle missing the rest of its entries.
     * A plan's answer is untrusted: it is read within the bounds above (its length is bounded by the request's
     * deadline, as it streams).
     */
    static final JsonFactory JSON = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
            .maxStringLength(MAX_STRING_CHARS).maxNameLength(MAX_NAME_CHARS).maxNumberLength(MAX_NUMBER_CHARS).build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
        // An entry passed on whole flushes the generator's buffer; the app's stream sends when its own is full.
        .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM).build();
    /**
     * As {@link #JSON}, for an answer the {@link FhirJsonRewriter} copies: it refuses a key named twice itself
     * ({@link UniqueNames}, {@link RawValues}), at a fraction of the cost of Jackson's check, and its parser can
     * pass a value on as the plan's bytes ({@link PassingParser}).
     */
    private static final JsonFactory STREAMED = new PassingParser.Factory((JsonFactoryBuilder) JSON.rebuild()
        .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION));
    /** The plan's headers the app gets back. */
    private static final List<String> RETURNED_HEADERS = List.of("ETag", "Last-Modified");

    private final String alias;

    /** A parser for a plan's answer within the bounds above, for a reader that copies it ({@link FhirJsonRewriter}). */
    public static JsonParser parser(InputStream planAnswer) throws IOException {
        return STREAMED.createParser(planAnswer);
    }

    /** A generator for the app's answer that leaves a body cut off halfway unfinished (see {@link #JSON}). */
    public static JsonGenerator generator(java.io.OutputStream out) throws IOException {
        return JSON.createGenerator(out);
    }

    /** A generator for one Bundle entry the rewriter holds back ({@link HeldEntry}): bytes, as the app gets them. */
    static JsonGenerator entryGenerator(java.io.OutputStream entry) throws IOException {
        return JSON.createGenerator(entry);
    }

    public RelayedAnswer(String alias) {
        this.alias = alias;
    }

    /** @throws FhirProblemException 502 when the plan's answer must not be passed on; the answer is then closed */
    public Response relay(PlanAnswer answer, FhirJsonRewriter rewriter, ProxyRequest.Method method)
        throws FhirProblemException {
        checkStatus(answer);
        if (answer.status() == 304) {
            return notModified(answer);
        }
        return respond(answer, answer.status(), openDocument(answer, bodyOf(answer)), rewriter, method);
    }

    /**
     * As {@link #relay}, for a read whose resource decides by its content whether the app may have it (a
     * {@code patient/} caller reading a claim): the resource is read whole (bounded) and looked at first. The request
     * went without the app's conditional headers, so the plan answers the resource itself, never a 304 that would
     * skip the look; the proxy answers the app's {@code If-None-Match} or {@code If-Modified-Since} itself, after it.
     *
     * @param request the app's request, with its conditional headers
     * @throws FhirProblemException 404 when the resource is not for the caller: to the app another patient's claim
     *     looks like an id the plan does not know; 502 when it is too large to check
     */
    public Response relayChecked(PlanAnswer answer, FhirJsonRewriter rewriter, ProxyRequest request, String type,
                                 AnswerFilter filter) throws FhirProblemException {
        checkStatus(answer);
        if (answer.status() == 304) {
            answer.discard(); // asked unconditionally: a 304 says nothing about whom the resource is about
            throw FhirProblem.planError("Plan " + alias + " answered an unconditional read with HTTP 304; its answer "
                + "is not passed on. Retry later.").exception();
        }
        if (answer.status() >= 400) {
            return relay(answer, rewriter, request.method());
        }
        byte[] resource = readBounded(answer);
        answer.discard();
        if (!returnable(resource, type, filter)) {
            throw FhirProblem.otherPatientsResource("Resource " + type + " is not known at plan " + alias + ".")
                .exception();
        }
        if (ConditionalRead.unchanged(request, answer.header("ETag"), answer.header("Last-Modified"))) {
            return notModified(answer);
        }
        InputStream body = new ByteArrayInputStream(resource);
        return respond(answer, answer.status(), openDocument(answer, body), rewriter, request.method());
    }

    private void checkStatus(PlanAnswer answer) throws FhirProblemException {
        int status = answer.status();
        if (status == 304) {
            return;
        }
        boolean passesThrough = status >= 200 && status < 300 || status >= 400 && status < 500;
        if (!passesThrough || !answer.isJson()) {
            answer.discard();
            throw FhirProblem.planError("Plan " + alias + " answered HTTP " + status
                + (passesThrough ? " without FHIR JSON" : "") + "; its answer is not passed on. Retry later.")
                    .exception();
        }
    }

    private static Response notModified(PlanAnswer answer) {
        answer.discard();
        return withPlanHeaders(Response.notModified(), answer).build();
    }

    private Response respond(PlanAnswer answer, int status, JsonParser body, FhirJsonRewriter rewriter,
                             ProxyRequest.Method method) {
        Response.ResponseBuilder response = withPlanHeaders(Response.status(status), answer)
            .type(OperationOutcomeWriter.FHIR_JSON + ";charset=utf-8")
            .header("Cache-Control", "private, no-cache");
        if (method == ProxyRequest.Method.HEAD) {
            answer.discard();
            return response.build();
        }
        return response.entity(stream(answer, body, rewriter)).build();
    }

    private InputStream bodyOf(PlanAnswer answer) throws FhirProblemException {
        try {
            return answer.body();
        } catch (IOException e) {
            answer.discard();
            throw notJson(answer);
        }
    }

    private byte[] readBounded(PlanAnswer answer) throws FhirProblemException {
        try {
            byte[] resource = answer.body().readNBytes(FhirJsonRewriter.DEFAULT_MAX_HELD_CHARS + 1);
            if (resource.length <= FhirJsonRewriter.DEFAULT_MAX_HELD_CHARS) {
                return resource;
            }
        } catch (IOException e) {
            // reported below
        }
        answer.discard();
        throw FhirProblem.planError("Plan " + alias + " answered with a resource larger than the proxy checks ("
            + FhirJsonRewriter.DEFAULT_MAX_HELD_CHARS + " bytes); it is not passed on.").exception();
    }

    /**
     * The resource's id, the references its top-level elements hold themselves and the codes of the elements the filter
     * looks at, read with the same strict parser
     * the answer will be streamed with and noted as the {@link EntryFilter} notes them in a Bundle.
     */
    private static boolean returnable(byte[] resource, String type, AnswerFilter filter) {
        String id = "";
        Map<String, Set<String>> references = new HashMap<>();
        Map<String, Set<String>> codes = new HashMap<>();
        Set<String> coded = filter.codedElements(type);
        try (JsonParser parser = JSON.createParser(resource)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("id".equals(field) && value == JsonToken.VALUE_STRING) {
                    id = parser.getText();
                }
                if (coded.contains(field)) {
                    Set<String> noted = new HashSet<>();
                    CodedValues.note(parser, noted);
                    codes.put(field, noted);
                    continue;
                }
                Set<String> held = heldReferences(parser);
                if (!held.isEmpty()) {
                    references.put(field, held);
                }
            }
        } catch (IOException e) {
            return false;
        }
        return filter.mayReturn(type, id, references, codes);
    }

    /** The {@code reference} strings the value under the parser holds itself (in an array: each object's). */
    private static Set<String> heldReferences(JsonParser parser) throws IOException {
        Set<String> held = new HashSet<>();
        JsonToken token = parser.currentToken();
        int ownDepth = token == JsonToken.START_ARRAY ? 2 : 1;
        int depth = 0;
        String field = null;
        do {
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                depth++;
            } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                depth--;
            } else if (token == JsonToken.FIELD_NAME) {
                field = parser.currentName();
            } else if (token == JsonToken.VALUE_STRING && depth == ownDepth && "reference".equals(field)) {
                held.add(parser.getText());
            }
            token = depth == 0 ? null : parser.nextToken();
        } while (token != null);
        return held;
    }

    /** Reads the first token before anything is sent, so a plan answering non-JSON is a 502, not a broken 200. */
    private JsonParser openDocument(PlanAnswer answer, InputStream body) throws FhirProblemException {
        try {
            JsonParser parser = parser(body);
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                return parser;
            }
        } catch (IOException e) {
            // falls through to the 502 below; the plan's bytes are not echoed
        }
        answer.discard();
        throw notJson(answer);
    }

    private FhirProblemException notJson(PlanAnswer answer) {
        return FhirProblem.planError("Plan " + alias + " answered HTTP " + answer.status()
            + " with a body that is not a FHIR JSON resource; it is not passed on. Retry later.").exception();
    }

    /**
     * The body, rewritten token by token while the plan sends it. A failure mid-stream (the plan cuts the
     * connection, sends broken JSON) can no longer change the status: the response is aborted, so the
     * app sees a truncated body it cannot mistake for a complete one.
     */
    private static StreamingOutput stream(PlanAnswer answer, JsonParser body, FhirJsonRewriter rewriter) {
        return out -> {
            try (PlanAnswer closing = answer; JsonParser in = body;
                 JsonGenerator generator = JSON.createGenerator(out)) {
                rewriter.copy(in, generator);
            }
        };
    }

    private static Response.ResponseBuilder withPlanHeaders(Response.ResponseBuilder response, PlanAnswer answer) {
        for (String name : RETURNED_HEADERS) {
            answer.header(name).ifPresent(value -> response.header(name, value));
        }
        return response;
    }
}
