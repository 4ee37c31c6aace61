package dev.payeraccess.sandbox.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.fhir.large.LargeBundleStream;
import dev.payeraccess.sandbox.fhir.records.SandboxRecords;
import dev.payeraccess.sandbox.oauth.AccessGrant;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LargeBundleTest {

    private static final long MB = 1L << 20;

    private static FhirSandbox sandbox;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        sandbox = FhirSandbox.start();
        token = sandbox.issue(TestMembers.JASON, Track.TEST);
    }

    @AfterEach
    void normal() {
        sandbox.controls().reset();
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
    }

    @Test
    void twentyMegabyteSearchsetStreamsThroughAsValidJson() throws Exception {
        long target = 20 * MB;
        sandbox.controls().serveLargeBundles(target);

        HttpResponse<InputStream> response = sandbox.stream("/ExplanationOfBenefit?_count=10", token);

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/fhir+json"));
        StreamedBundle bundle = StreamedBundle.read(response.body(), sandbox.base() + "/ExplanationOfBenefit/");
        assertTrue(bundle.bytes >= target, "bytes: " + bundle.bytes);
        assertTrue(bundle.bytes < target + 64 * 1024, "about the configured size: " + bundle.bytes);
        assertEquals("searchset", bundle.type);
        assertEquals(bundle.entryIds.size(), bundle.total);
        assertEquals(bundle.entryIds.size(), new HashSet<>(bundle.entryIds).size(), "unique ids");
    }

    @Test
    void largeBundleParsesWithHapi() throws Exception {
        sandbox.controls().serveLargeBundles(2 * MB);

        HttpResponse<String> response = sandbox.get("/ExplanationOfBenefit", token);

        Bundle bundle = FhirSandbox.FHIR.newJsonParser().parseResource(Bundle.class, response.body());
        assertEquals(Bundle.BundleType.SEARCHSET, bundle.getType());
        assertEquals(bundle.getTotal(), bundle.getEntry().size());
        assertTrue(bundle.getEntry().size() > 100);
        bundle.getEntry().forEach(entry -> {
            ExplanationOfBenefit claim = (ExplanationOfBenefit) entry.getResource();
            String id = claim.getIdElement().getIdPart();
            assertEquals(sandbox.base() + "/ExplanationOfBenefit/" + id, entry.getFullUrl());
            assertEquals("Patient/" + TestMembers.JASON.patientId(), claim.getPatient().getReference());
        });
    }

    @Test
    void largeBundlesStillNeedAuthorization() throws Exception {
        sandbox.controls().serveLargeBundles(2 * MB);
        String coverageOnly = sandbox.issue(TestMembers.JASON, Track.TEST, "patient/Coverage.read");

        assertEquals(401, sandbox.get("/ExplanationOfBenefit", null).statusCode());
        assertEquals(403, sandbox.get("/ExplanationOfBenefit", coverageOnly).statusCode());
        assertEquals(200, sandbox.get("/Patient/" + TestMembers.JASON.patientId(), token).statusCode());
    }

    /**
     * The generator must write as it generates: at every point the heap holds a few entries at most. A
     * generator that built the body first and then copied it out would hold the whole size at the first
     * write already.
     */
    @Test
    void generatorKeepsTheHeapFlatWhileWriting() throws IOException {
        long target = 48 * MB;
        List<ExplanationOfBenefit> claims = SandboxRecords.generate()
            .visibleTo(new AccessGrant(TestMembers.JASON, Track.TEST, Set.of("patient/*.read"), Instant.MAX))
            .ofType("ExplanationOfBenefit").stream().map(r -> (ExplanationOfBenefit) r.copy()).toList();
        LargeBundleStream stream = new LargeBundleStream(FhirSandbox.FHIR, claims, "http://sandbox.example/r4");
        HeapProbe probe = new HeapProbe(List.of(MB, 24 * MB, 44 * MB));

        stream.write(probe, target, "http://sandbox.example/r4/ExplanationOfBenefit");

        assertTrue(probe.written >= target);
        assertEquals(3, probe.growth.size());
        for (long growth : probe.growth) {
            assertTrue(growth < 4 * MB, "heap grew by " + growth / MB + " MB while writing " + target / MB + " MB");
        }
    }

    /** Counts bytes written and, at given offsets, how much live heap the writer has accumulated. */
    private static final class HeapProbe extends OutputStream {

        private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

        private final long baseline = liveHeap();
        private final List<Long> checkpoints;
        private final List<Long> growth = new ArrayList<>();
        private long written;

        HeapProbe(List<Long> checkpoints) {
            this.checkpoints = checkpoints;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            written += length;
            if (growth.size() < checkpoints.size() && written >= checkpoints.get(growth.size())) {
                growth.add(liveHeap() - baseline);
            }
        }

        private static long liveHeap() {
            MEMORY.gc();
            return MEMORY.getHeapMemoryUsage().getUsed();
        }
    }

    /** Walks a searchset with Jackson's streaming parser, keeping only ids, never the resources. */
    private static final class StreamedBundle {

        private final List<String> entryIds = new ArrayList<>();
        private long bytes;
        private long total = -1;
        private String type;

        static StreamedBundle read(InputStream body, String fullUrlPrefix) throws IOException {
            StreamedBundle bundle = new StreamedBundle();
            CountingInput counted = new CountingInput(body);
            try (JsonParser json = new JsonFactory().createParser(counted)) {
                json.nextToken();
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    bundle.readField(json, fullUrlPrefix);
                }
            }
            bundle.bytes = counted.count;
            return bundle;
        }

        private void readField(JsonParser json, String fullUrlPrefix) throws IOException {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "type" -> type = json.getText();
                case "total" -> total = json.getLongValue();
                case "entry" -> {
                    while (json.nextToken() == JsonToken.START_OBJECT) {
                        readEntry(json, fullUrlPrefix);
                    }
                }
                default -> json.skipChildren();
            }
        }

        private void readEntry(JsonParser json, String fullUrlPrefix) throws IOException {
            String fullUrl = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                if (field.equals("fullUrl")) {
                    fullUrl = json.getText();
                } else {
                    json.skipChildren();
                }
            }
            assertTrue(fullUrl != null && fullUrl.startsWith(fullUrlPrefix), fullUrl);
            entryIds.add(fullUrl.substring(fullUrlPrefix.length()));
        }
    }

    private static final class CountingInput extends FilterInputStream {

        private long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count += Math.max(0, n);
            return n;
        }
    }
}
