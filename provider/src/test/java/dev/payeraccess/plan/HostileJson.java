package dev.payeraccess.plan;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Documents a hostile plan sends, generated from a seed so a failure can be replayed: huge and deeply nested JSON,
 * millions of tiny entries, keys twice, long strings and values of the wrong type in every slot.
 */
public final class HostileJson {

    /** Field names readers look for, so random documents reach the code that keeps values. */
    private static final List<String> NAMES = List.of("resourceType", "rest", "mode", "resource", "type", "searchParam",
        "name", "searchInclude", "searchRevInclude", "fhirVersion", "entry", "total", "link", "relation", "url", "id",
        "access_token", "refresh_token", "expires_in", "scope", "patient", "id_token", "authorization_endpoint",
        "token_endpoint", "capabilities", "scopes_supported", "issue", "diagnostics");
    private static final List<String> WORDS = List.of("CapabilityStatement", "Bundle", "server", "client", "Coverage",
        "Patient", "ExplanationOfBenefit", "Organization", "patient", "_id", "token", "reference", "next",
        "Coverage:payor", "Provenance:target", "4.0.1", "https://plan.example/r4", "");

    private final Random random;

    public HostileJson(long seed) {
        this.random = new Random(seed);
    }

    /** {@code [[[...]]]} or <code>{"a":{"a":...}}</code>, {@code depth} levels. */
    public static String nested(int depth, boolean objects) {
        StringBuilder json = new StringBuilder(depth * 6);
        json.append(objects ? "{\"resourceType\":\"CapabilityStatement\",\"rest\":" : "");
        json.append((objects ? "{\"rest\":" : "[").repeat(depth));
        json.append("1");
        json.append((objects ? "}" : "]").repeat(depth));
        return json.append(objects ? "}" : "").toString();
    }

    /** A string value of {@code chars} characters in {@code field} of a CapabilityStatement. */
    public static String longString(String field, int chars) {
        return "{\"resourceType\":\"CapabilityStatement\",\"" + field + "\":\"" + "x".repeat(chars) + "\"}";
    }

    /** {@code prefix}, then {@code element} repeated with commas until about {@code bytes}, then {@code suffix}. */
    public static String repeated(String prefix, String element, String suffix, int bytes) {
        StringBuilder json = new StringBuilder(bytes + prefix.length() + suffix.length()).append(prefix);
        for (boolean first = true; json.length() < bytes; first = false) {
            json.append(first ? "" : ",").append(element);
        }
        return json.append(suffix).toString();
    }

    /**
     * A CapabilityStatement as large as {@code bytes}: real types and made-up ones, each declared many times, each
     * with many parameters and includes, and 200 server-wide parameters.
     */
    public String floodedStatement(int bytes) {
        StringBuilder json = new StringBuilder(bytes + 4096).append("{\"resourceType\":\"CapabilityStatement\","
            + "\"fhirVersion\":\"4.0.1\",\"rest\":[{\"mode\":\"server\",\"searchParam\":[");
        for (int i = 0; i < 200; i++) {
            json.append(i == 0 ? "" : ",").append("{\"name\":\"_p").append(i).append("\",\"type\":\"token\"}");
        }
        json.append("],\"resource\":[");
        for (boolean first = true; json.length() < bytes - 2048; first = false) {
            json.append(first ? "" : ",").append("{\"type\":\"").append(random.nextInt(3) == 0 ? "Coverage"
                : "T" + Integer.toString(random.nextInt(1 << 20), 36)).append("\",\"searchParam\":[");
            int params = 1 + random.nextInt(300);
            for (int p = 0; p < params; p++) {
                json.append(p == 0 ? "" : ",").append("{\"name\":\"p").append(random.nextInt(1000))
                    .append("\",\"type\":\"string\"}");
            }
            json.append("],\"searchInclude\":[\"Coverage:payor\",\"Coverage:p").append(random.nextInt(1000))
                .append("\"]}");
        }
        return json.append("]}]}").toString();
    }

    /** A random JSON value, {@code depth} levels at most, with the names readers look for. */
    public String value(int depth) {
        StringBuilder json = new StringBuilder();
        value(json, depth);
        return json.toString();
    }

    /** A random object whose fields are the names readers look for. */
    public String document(int depth) {
        StringBuilder json = new StringBuilder();
        object(json, depth);
        return json.toString();
    }

    private void value(StringBuilder json, int depth) {
        switch (depth <= 0 ? random.nextInt(5) : random.nextInt(7)) {
            case 0 -> json.append(random.nextBoolean() ? "true" : "null");
            case 1 -> json.append(random.nextInt(3) == 0 ? "1" + "9".repeat(random.nextInt(100)) : random.nextLong());
            case 2 -> json.append('"').append(WORDS.get(random.nextInt(WORDS.size()))).append('"');
            case 3 -> json.append('"').append("y".repeat(random.nextInt(2000))).append('"');
            case 4 -> json.append(random.nextDouble());
            case 5 -> object(json, depth - 1);
            default -> array(json, depth - 1);
        }
    }

    private void object(StringBuilder json, int depth) {
        json.append('{');
        int fields = random.nextInt(8);
        for (int i = 0; i < fields; i++) {
            // Sometimes the same name twice: a reader must refuse it, not pick one.
            json.append(i == 0 ? "" : ",").append('"').append(NAMES.get(random.nextInt(NAMES.size()))).append("\":");
            value(json, depth);
        }
        json.append('}');
    }

    private void array(StringBuilder json, int depth) {
        json.append('[');
        int elements = random.nextInt(12);
        for (int i = 0; i < elements; i++) {
            json.append(i == 0 ? "" : ",");
            value(json, depth);
        }
        json.append(']');
    }

    /** Bytes the calling thread allocated while {@code work} ran, with its result. */
    public static <T> Measured<T> measured(Supplier<T> work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        long start = System.nanoTime();
        T result = work.get();
        return new Measured<>(result, threads.getThreadAllocatedBytes(id) - before,
            (System.nanoTime() - start) / 1_000_000);
    }

    /** What a piece of work returned, allocated and took. */
    public record Measured<T>(T result, long allocatedBytes, long millis) {
    }
}
