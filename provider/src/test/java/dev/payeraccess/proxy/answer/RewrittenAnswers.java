package dev.payeraccess.proxy.answer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the rewriter's tests share: a plan and a proxy base, a rewriter for claims and demographics, and JSON helpers.
 */
abstract class RewrittenAnswers {

    static final String PLAN = "http://127.0.0.1:8090/r4";
    static final String PROXY = "http://localhost:8080/realms/r1/payer-access/fhir/test";
    /** Parses as the proxy parses a plan's answer ({@link PassingParser}), so objects and arrays pass raw. */
    static final JsonFactory JSON = new PassingParser.Factory(new JsonFactoryBuilder());
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** The app was granted claims and demographics, but not clinical results. */
    final FhirJsonRewriter rewriter =
            new FhirJsonRewriter(PLAN, PROXY, Set.of("ExplanationOfBenefit", "Patient", "Bundle")::contains);

    String copied(String answer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonParser in = JSON.createParser(utf8(answer)); JsonGenerator generator = JSON.createGenerator(out)) {
            rewriter.copy(in, generator);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static InputStream utf8(String template) {
        return new ByteArrayInputStream(resolve(template).getBytes(StandardCharsets.UTF_8));
    }

    static String resolve(String template) {
        return template.replace("{plan}", PLAN).replace("{proxy}", PROXY);
    }

    static JsonNode tree(String json) throws IOException {
        return MAPPER.readTree(resolve(json));
    }

    /** The document without whitespace, every token as written; only for documents whose strings hold no spaces. */
    static String compact(String json) {
        return resolve(json).replaceAll("\\s+", "").replace(PLAN, PROXY);
    }

    static String bundle(String... entries) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[" + String.join(",", entries) + "]}";
    }

    static String entry(String type, String id) {
        return """
                {"fullUrl":"{plan}/%1$s/%2$s","resource":{"resourceType":"%1$s","id":"%2$s",
                 "extension":[{"url":"http://example.org/amount","valueDecimal":12.50}]},"search":{"mode":"match"}}"""
                .formatted(type, id);
    }

    static List<String> ids(JsonNode entries) {
        List<String> ids = new ArrayList<>();
        for (JsonNode entry : entries) {
            JsonNode resource = entry.get("resource");
            ids.add(resource.get("resourceType").asText() + "/" + resource.get("id").asText());
        }
        return ids;
    }
}
