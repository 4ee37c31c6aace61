package dev.payeraccess.proxy.everything;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.plan.PlanAnswer;
import dev.payeraccess.proxy.answer.FhirJsonRewriter;
import dev.payeraccess.proxy.answer.RelayedAnswer;
import dev.payeraccess.proxy.everything.EverythingCursors.Position;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code Patient/[id]/$everything} at a plan that does not declare it: one searchset Bundle written by the proxy,
 * its entries moved over from the plan's pages of each type's search ({@link EverythingSearches}) while they stream,
 * each page's entries filtered as a search's are ({@link FhirJsonRewriter#copyEntries}); nothing is held but the
 * entry being looked at.
 *
 * <p>A page of the Bundle is one page of one type's search at the plan (the app's {@code _count} is the plan's), and
 * the next link says where the next begins ({@link EverythingCursors}): the type's next page, or the next type's
 * first. A type whose first page holds nothing for the app is passed over within the same page, up to
 * {@link #MAX_READS_PER_PAGE} plan reads. A type the plan does not answer (an HTTP error, a timeout) becomes an
 * {@code OperationOutcome} entry ({@code search.mode = outcome}) naming it, and the others are still read; only the
 * first read can still fail the whole request, as nothing has been sent then.
 */
public final class EmulatedEverything {

    /** The plan as the emulation reads it: one page at a URL under its FHIR base or one of its paging hosts. */
    public interface PlanPages {

        /** @throws FhirProblemException what the app is told when the plan cannot be read (429, 502, 504, 409...) */
        PlanAnswer read(String planUrl) throws FhirProblemException;
    }

    /** Plan reads one page of the Bundle may take while the types it reads hold nothing for the app. */
    static final int MAX_READS_PER_PAGE = 16;

    private final String alias;
    private final EverythingRequest asked;
    private final EverythingPlan plan;
    private final EverythingCursors cursors;
    private final PlanPages pages;
    private final FhirJsonRewriter rewriter;

    /**
     * @param rewriter moves the plan's URLs onto the proxy's and filters entries with {@code plan.answer()}
     */
    public EmulatedEverything(String alias, EverythingRequest asked, EverythingPlan plan, EverythingCursors cursors,
                              PlanPages pages, FhirJsonRewriter rewriter) {
        this.alias = alias;
        this.asked = asked;
        this.plan = plan;
        this.cursors = cursors;
        this.pages = pages;
        this.rewriter = rewriter;
    }

    /**
     * Reads the page's first plan page before anything is sent, then streams the Bundle.
     *
     * @throws FhirProblemException 403 for a cursor that is not this caller's or names a type it may no longer read;
     *     the plan's first read failing (429, 502, 504, 409 relink)
     */
    public StreamingOutput answer() throws FhirProblemException {
        Position start = asked.cursor().isPresent() ? cursors.position(asked, asked.cursor().get())
            : new Position(plan.searches().get(0).type(), "");
        int index = plan.indexOf(start.type()).orElseThrow(() -> FhirProblem.forbidden("This page link reads "
            + start.type() + ", which this caller may no longer read; run Patient/" + asked.patientId()
            + "/$everything again.").exception());
        PlanAnswer first = pages.read(planUrl(index, start.at()));
        return out -> write(out, index, first);
    }

    private void write(OutputStream out, int index, PlanAnswer first) throws IOException {
        try (JsonGenerator json = RelayedAnswer.generator(out)) {
            json.writeStartObject();
            json.writeStringField("resourceType", "Bundle");
            json.writeStringField("id", UUID.randomUUID().toString());
            json.writeObjectFieldStart("meta");
            json.writeStringField("lastUpdated", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            json.writeEndObject();
            json.writeStringField("type", "searchset");
            EntryArray entries = new EntryArray(json);
            if (asked.cursor().isEmpty()) {
                for (String note : plan.notes()) {
                    entries.outcome("information", "informational", note);
                }
            }
            Optional<Position> next = pages(entries, index, Optional.of(first));
            entries.end();
            links(json, next);
            json.writeEndObject();
        }
    }

    /** Copies plan pages until one gave the app something; the position after the last one read, if any. */
    private Optional<Position> pages(EntryArray entries, int startIndex, Optional<PlanAnswer> first)
        throws IOException {
        int index = startIndex;
        Optional<PlanAnswer> answer = first;
        for (int reads = 1; ; reads++) {
            TypeSearch search = plan.searches().get(index);
            Optional<String> planNext = answer.isPresent() ? copy(answer.get(), search.type(), entries)
                : Optional.empty();
            Position following;
            if (planNext.isPresent()) {
                following = new Position(search.type(), cursors.at(planNext.get()));
            } else if (index + 1 < plan.searches().size()) {
                following = new Position(plan.searches().get(index + 1).type(), "");
            } else {
                return Optional.empty();
            }
            if (entries.written > 0 || reads >= MAX_READS_PER_PAGE) {
                return Optional.of(following);
            }
            index = plan.indexOf(following.type()).orElseThrow();
            answer = read(index, following.at(), entries);
        }
    }

    /** A later read of the page: a failure is an outcome entry, and the type is passed over. */
    private Optional<PlanAnswer> read(int index, String at, EntryArray entries) throws IOException {
        try {
            return Optional.of(pages.read(planUrl(index, at)));
        } catch (FhirProblemException e) {
            entries.outcome("error", "incomplete", plan.searches().get(index).type() + " is left out of this Bundle: "
                + e.problem().diagnostics());
            return Optional.empty();
        }
    }

    /** The plan page's entries copied into the Bundle; its next link, or empty when the plan's search ends there. */
    private Optional<String> copy(PlanAnswer answer, String type, EntryArray entries) throws IOException {
        try (PlanAnswer closing = answer) {
            int status = answer.status();
            if (status < 200 || status >= 300 || !answer.isJson()) {
                // The plan's body is not read: an error answer may repeat what it was sent, or hold anything.
                entries.outcome("error", "incomplete", type + " is left out of this Bundle: plan " + alias
                    + " answered its search with HTTP " + status + (status < 300 ? " without FHIR JSON" : "") + ".");
                return Optional.empty();
            }
            try (JsonParser in = RelayedAnswer.parser(answer.body())) {
                FhirJsonRewriter.CopiedEntries copied = rewriter.copyEntries(in, entries);
                entries.written += copied.written();
                return copied.next();
            }
        }
    }

    private String planUrl(int index, String at) {
        return cursors.planUrl(plan.searches().get(index), at);
    }

    private void links(JsonGenerator json, Optional<Position> next) throws IOException {
        json.writeArrayFieldStart("link");
        link(json, "self", cursors.self(asked));
        Optional<String> nextLink = next.flatMap(position -> cursors.next(asked, position));
        if (nextLink.isPresent()) {
            link(json, "next", nextLink.get());
        }
        json.writeEndArray();
    }

    private static void link(JsonGenerator json, String relation, String url) throws IOException {
        json.writeStartObject();
        json.writeStringField("relation", relation);
        json.writeStringField("url", url);
        json.writeEndObject();
    }

    /**
     * The Bundle's {@code entry} array, opened with its first entry (FHIR arrays are never empty) by whoever writes
     * it: the rewriter copying a plan page, or an outcome entry.
     */
    private static final class EntryArray extends JsonGeneratorDelegate {
        private boolean open;
        private int written;

        EntryArray(JsonGenerator bundle) {
            super(bundle, false);
        }

        @Override
        public void writeStartObject() throws IOException {
            opened();
            super.writeStartObject();
        }

        @Override
        public void writeStartObject(Object forValue) throws IOException {
            opened();
            super.writeStartObject(forValue);
        }

        @Override
        public void writeStartObject(Object forValue, int size) throws IOException {
            opened();
            super.writeStartObject(forValue, size);
        }

        /** An entry the rewriter held and passes on as its bytes ({@code HeldEntry}) starts with this. */
        @Override
        public void writeRawValue(String text) throws IOException {
            opened();
            super.writeRawValue(text);
        }

        private void opened() throws IOException {
            if (!open) {
                open = true;
                delegate.writeFieldName("entry");
                delegate.writeStartArray();
            }
        }

        void outcome(String severity, String code, String diagnostics) throws IOException {
            writeStartObject();
            delegate.writeStringField("fullUrl", "urn:uuid:" + UUID.randomUUID());
            delegate.writeObjectFieldStart("resource");
            delegate.writeStringField("resourceType", "OperationOutcome");
            delegate.writeArrayFieldStart("issue");
            delegate.writeStartObject();
            delegate.writeStringField("severity", severity);
            delegate.writeStringField("code", code);
            delegate.writeStringField("diagnostics", diagnostics);
            delegate.writeEndObject();
            delegate.writeEndArray();
            delegate.writeEndObject();
            delegate.writeObjectFieldStart("search");
            delegate.writeStringField("mode", "outcome");
            delegate.writeEndObject();
            delegate.writeEndObject();
            written++;
        }

        void end() throws IOException {
            if (open) {
                delegate.writeEndArray();
            }
        }
    }
}
