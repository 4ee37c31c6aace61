package dev.payeraccess.sandbox.fhir.large;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;

/**
 * A searchset Bundle of about a requested size, written entry by entry while it is generated. The
 * envelope is written with Jackson's streaming generator, each entry's resource is one of the member's
 * claims as HAPI encoded it (see {@link EncodedClaim}) with an id of its own. Nothing but the encoded
 * claims is held in memory, so a 100 MB answer costs the sandbox kilobytes of heap.
 */
public final class LargeBundleStream {

    private static final JsonFactory JSON = JsonFactory.builder()
        .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
        .build();
    /** Fixed-width ids keep every cycle of entries the same size, so the entry count can be computed upfront. */
    private static final String ID_FORMAT = "large-%010d";

    private final List<EncodedClaim> claims;
    private final String serverBase;

    /**
     * @param templates the claims the generated entries are variations of; owned by this stream from now
     *     on, as it rewrites their ids
     * @param serverBase the FHIR base the request came in on, for the entries' {@code fullUrl}s
     */
    public LargeBundleStream(FhirContext fhir, List<ExplanationOfBenefit> templates, String serverBase) {
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("A large bundle needs at least one claim to vary");
        }
        IParser parser = fhir.newJsonParser();
        this.claims = templates.stream().map(claim -> EncodedClaim.of(parser, claim)).toList();
        this.serverBase = serverBase;
    }

    /** Writes a Bundle of about {@code approximateBytes} bytes (rounded up to whole entries) to {@code out}. */
    public void write(OutputStream out, long approximateBytes, String selfLink) throws IOException {
        long entries = entriesFor(approximateBytes);
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("resourceType", "Bundle");
            json.writeStringField("id", UUID.randomUUID().toString());
            json.writeObjectFieldStart("meta");
            json.writeStringField("lastUpdated", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            json.writeEndObject();
            json.writeStringField("type", "searchset");
            json.writeNumberField("total", entries);
            json.writeArrayFieldStart("link");
            json.writeStartObject();
            json.writeStringField("relation", "self");
            json.writeStringField("url", selfLink);
            json.writeEndObject();
            json.writeEndArray();
            json.writeArrayFieldStart("entry");
            for (long index = 0; index < entries; index++) {
                writeEntry(json, index);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private long entriesFor(long approximateBytes) throws IOException {
        long cycleBytes = 0;
        for (int index = 0; index < claims.size(); index++) {
            cycleBytes += measure(index);
        }
        long averageEntry = Math.max(1, cycleBytes / claims.size());
        return Math.max(1, (approximateBytes + averageEntry - 1) / averageEntry);
    }

    private long measure(long index) throws IOException {
        CountingSink sink = new CountingSink();
        try (JsonGenerator json = JSON.createGenerator(sink, JsonEncoding.UTF8)) {
            writeEntry(json, index);
        }
        return sink.count + 1;
    }

    private void writeEntry(JsonGenerator json, long index) throws IOException {
        String id = String.format(ID_FORMAT, index);
        json.writeStartObject();
        json.writeStringField("fullUrl", serverBase + "/ExplanationOfBenefit/" + id);
        json.writeFieldName("resource");
        claims.get((int) (index % claims.size())).writeAsValue(json, id);
        json.writeObjectFieldStart("search");
        json.writeStringField("mode", "match");
        json.writeEndObject();
        json.writeEndObject();
    }

    /** Counts what an entry would take on the wire, to size the bundle without writing it. */
    private static final class CountingSink extends OutputStream {

        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }
    }
}
