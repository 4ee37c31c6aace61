package dev.payeraccess.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A plan's CapabilityStatement is read by a background probe and repeated to anonymous callers: whatever the plan
 * sends, what is kept is bounded, the work is linear and nothing but a refusal ({@link IllegalArgumentException})
 * comes out. The documents are generated from fixed seeds.
 */
class HostileCapabilityStatementTest {

    private static final List<String> SERVABLE = List.of("Coverage", "Patient", "ExplanationOfBenefit");
    private static final int FOUR_MB = 4 * 1024 * 1024 - 64;

    @Test
    void aFloodedStatementKeepsOneBoundedCopyOfEachServableTypeAndTheServerParametersOnce() {
        String statement = new HostileJson(21).floodedStatement(FOUR_MB);

        HostileJson.Measured<PlanCapabilities> read = HostileJson.measured(
            () -> PlanCapabilities.read(statement, SERVABLE));

        PlanCapabilities caps = read.result();
        assertEquals(List.of("Coverage"), List.copyOf(caps.types().keySet()), "made-up types are left out");
        assertEquals(PlanCapabilities.MAX_SERVER_PARAMS, caps.serverSearchParams().size());
        TypeCheck.within(caps.types().get("Coverage"));
        assertEquals(PlanCapabilities.MAX_PARAMS_PER_TYPE + PlanCapabilities.MAX_SERVER_PARAMS,
            caps.of("Coverage").orElseThrow().searchParams().size(), "the type's own, then the server's");
        String stored = caps.toJson();
        assertTrue(stored.length() < 20_000, "server-wide parameters are stored once: " + stored.length());
        assertEquals(Optional.of(caps), PlanCapabilities.fromJson(stored));
        // The old reader built a tree of the whole document and a node per copied parameter, all held at once; this
        // one holds what it keeps, and its short-lived garbage grows linearly with the document.
        assertTrue(read.allocatedBytes() < 64L * statement.length(), "allocated " + read.allocatedBytes());
    }

    @Test
    void everyServableTypeDeclaredInFullStaysWithinTheStoredSize() {
        List<String> manyTypes = new java.util.ArrayList<>();
        StringBuilder json = new StringBuilder("{\"resourceType\":\"CapabilityStatement\",\"rest\":[{\"resource\":[");
        for (int t = 0; t < 300; t++) {
            String type = "Type" + (char) ('A' + t / 26 % 26) + (char) ('A' + t % 26) + "x".repeat(50);
            manyTypes.add(type);
            json.append(t == 0 ? "" : ",").append("{\"type\":\"").append(type).append("\",\"searchParam\":[");
            for (int p = 0; p < 150; p++) {
                json.append(p == 0 ? "" : ",").append("{\"name\":\"p").append(p).append("y".repeat(60))
                    .append("\",\"type\":\"token\"}");
            }
            json.append("]}");
        }
        String statement = json.append("]}]}").toString();

        PlanCapabilities caps = PlanCapabilities.read(statement, manyTypes);

        assertTrue(caps.types().size() <= PlanCapabilities.MAX_TYPES, "types " + caps.types().size());
        assertTrue(caps.toJson().length() <= PlanCapabilities.MAX_STORED_CHARS, "stored " + caps.toJson().length());
        assertTrue(caps.types().size() > 10, "the first types are kept");
    }

    @Test
    void millionsOfTinyEntriesAreWalkedNotKept() {
        String tiny = HostileJson.repeated("{\"resourceType\":\"CapabilityStatement\",\"rest\":[", "{}", "]}",
            FOUR_MB);
        String typed = HostileJson.repeated("{\"resourceType\":\"CapabilityStatement\",\"rest\":[{\"resource\":[",
            "{\"type\":\"Coverage\"}", "]}]}", FOUR_MB);

        HostileJson.Measured<PlanCapabilities> read = HostileJson.measured(
            () -> PlanCapabilities.read(tiny, SERVABLE));
        HostileJson.Measured<PlanCapabilities> declared = HostileJson.measured(
            () -> PlanCapabilities.read(typed, SERVABLE));

        assertEquals(0, read.result().types().size());
        assertEquals(1, declared.result().types().size());
        assertTrue(read.allocatedBytes() < 64L * tiny.length(), "allocated " + read.allocatedBytes());
        assertTrue(declared.allocatedBytes() < 64L * typed.length(), "allocated " + declared.allocatedBytes());
    }

    @Test
    void documentsPastTheBoundsAreRefusedAsUnusable() {
        List<String> refused = List.of(
            HostileJson.nested(PlanJson.MAX_DEPTH + 1, false),
            HostileJson.nested(100_000, true),
            HostileJson.longString("fhirVersion", PlanJson.MAX_STRING_CHARS * 2),
            HostileJson.repeated("{\"resourceType\":\"CapabilityStatement\",\"x\":[", "0", "]}", 4_500_000),
            "{\"resourceType\":\"CapabilityStatement\",\"resourceType\":\"Bundle\"}",
            "{\"resourceType\":\"CapabilityStatement\",\"rest\":[{\"mode\":\"client\",\"mode\":\"server\"}]}",
            "{\"resourceType\":\"CapabilityStatement\",\"" + "k".repeat(PlanJson.MAX_NAME_CHARS + 1) + "\":1}",
            "{\"resourceType\":\"CapabilityStatement\",\"n\":1" + "0".repeat(PlanJson.MAX_NUMBER_CHARS + 1) + "}",
            "[]", "\"CapabilityStatement\"", "", "{\"resourceType\":\"CapabilityStatement\"");

        for (String document : refused) {
            assertThrows(IllegalArgumentException.class, () -> PlanCapabilities.read(document, SERVABLE),
                document.substring(0, Math.min(80, document.length())));
        }
    }

    @Test
    void valuesOfTheWrongTypeAreLeftOut() {
        PlanCapabilities caps = PlanCapabilities.read("""
            {"resourceType":"CapabilityStatement","fhirVersion":4.01,"rest":{"resource":[]}}""", SERVABLE);
        PlanCapabilities odd = PlanCapabilities.read("""
            {"resourceType":"CapabilityStatement","rest":[7,"x",{"searchParam":{"name":"a"},
             "resource":[null,{"type":["Coverage"]},{"type":"Patient","searchParam":[1,{"name":{}},{"name":"ok"}],
             "searchInclude":"Patient:x","searchRevInclude":[{"a":1},"Coverage:beneficiary"]}]}]}""", SERVABLE);

        assertEquals("", caps.fhirVersion());
        assertEquals(0, caps.types().size());
        assertEquals(List.of("Patient"), List.copyOf(odd.types().keySet()));
        assertEquals(List.of(new PlanCapabilities.SearchParam("ok", "string")),
            odd.of("Patient").orElseThrow().searchParams());
        assertEquals(List.of("Coverage:beneficiary"), odd.of("Patient").orElseThrow().revIncludes());
    }

    @Test
    void randomDocumentsAreReadOrRefusedNeverMore() {
        for (long seed = 0; seed < 2_000; seed++) {
            HostileJson hostile = new HostileJson(seed);
            String document = "{\"resourceType\":\"CapabilityStatement\",\"rest\":[" + hostile.document(6) + ","
                + hostile.document(4) + "]," + hostile.document(3).substring(1);
            try {
                PlanCapabilities caps = PlanCapabilities.read(document, SERVABLE);
                caps.types().values().forEach(TypeCheck::within);
                assertEquals(Optional.of(caps), PlanCapabilities.fromJson(caps.toJson()), "seed " + seed);
            } catch (IllegalArgumentException refused) {
                // a refusal is a fine answer to garbage
            }
        }
    }

    @Test
    void aTamperedCachedFormIsCheckedLikeAPlansStatement() {
        assertEquals(Optional.empty(), PlanCapabilities.fromJson("x".repeat(PlanCapabilities.MAX_STORED_CHARS + 1)));
        assertEquals(Optional.empty(), PlanCapabilities.fromJson(HostileJson.nested(1000, false)));
        PlanCapabilities caps = PlanCapabilities.fromJson(HostileJson.repeated("{\"types\":{\"Coverage\":"
            + "{\"searchParams\":[", "{\"name\":\"a\"}", "]}}}", 200_000)).orElseThrow();
        assertEquals(1, caps.of("Coverage").orElseThrow().searchParams().size(), "no name twice");
    }

    private static final class TypeCheck {
        static void within(PlanCapabilities.TypeCapabilities type) {
            assertTrue(type.searchParams().size() <= PlanCapabilities.MAX_PARAMS_PER_TYPE);
            assertTrue(type.includes().size() <= PlanCapabilities.MAX_INCLUDES_PER_TYPE);
            assertTrue(type.revIncludes().size() <= PlanCapabilities.MAX_INCLUDES_PER_TYPE);
        }
    }
}
