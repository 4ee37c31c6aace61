package dev.payeraccess.proxy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.fhir.OperationOutcomeWriter;
import dev.payeraccess.plan.PlanAnswer;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.util.List;

/**
 * The rules for passing a plan's answer on to the app: which statuses pass (2xx, 304 and the plan's own
 * 4xx FHIR answers), which headers come along, that the body must start as a FHIR JSON resource before
 * a status is committed, and that it then streams through the rewriter.
 */
final class RelayedAnswer {

    private static final JsonFactory JSON = new JsonFactory();
    /** The plan's headers the app gets back. */
    private static final List<String> RETURNED_HEADERS = List.of("ETag", "Last-Modified");

    private final String alias;

    RelayedAnswer(String alias) {
        this.alias = alias;
    }

    /** @throws FhirProblemException 502 when the plan's answer must not be passed on; the answer is then closed */
    Response relay(PlanAnswer answer, FhirJsonRewriter rewriter, ProxyRequest.Method method)
        throws FhirProblemException {
        int status = answer.status();
        if (status == 304) {
            answer.discard();
            return withPlanHeaders(Response.notModified(), answer).build();
        }
        boolean passesThrough = status >= 200 && status < 300 || status >= 400 && status < 500;
        if (!passesThrough || !answer.isJson()) {
            answer.discard();
            throw FhirProblem.planError("Plan " + alias + " answered HTTP " + status
                + (passesThrough ? " without FHIR JSON" : "") + "; its answer is not passed on. Retry later.").exception();
        }
        JsonParser body = openDocument(answer);
        Response.ResponseBuilder response = withPlanHeaders(Response.status(status), answer)
            .type(OperationOutcomeWriter.FHIR_JSON + ";charset=utf-8")
            .header("Cache-Control", "private, no-cache");
        if (method == ProxyRequest.Method.HEAD) {
            answer.discard();
            return response.build();
        }
        return response.entity(stream(answer, body, rewriter)).build();
    }

    /** Reads the first token before anything is sent, so a plan answering non-JSON is a 502, not a broken 200. */
    private JsonParser openDocument(PlanAnswer answer) throws FhirProblemException {
        try {
            JsonParser parser = JSON.createParser(answer.body());
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                return parser;
            }
        } catch (IOException e) {
            // falls through to the 502 below; the plan's bytes are not echoed
        }
        answer.discard();
        throw FhirProblem.planError("Plan " + alias + " answered HTTP " + answer.status()
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
