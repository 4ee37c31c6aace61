package dev.payeraccess.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a plan's own CapabilityStatement ({@code {fhirBase}/metadata}) declares, reduced to what the proxy needs
 * to tell apps: its FHIR version and, per resource type, the search parameters and {@code _include} /
 * {@code _revinclude} values it supports. Kept compact, so it can be cached between probes.
 */
public record PlanCapabilities(String fhirVersion, Map<String, TypeCapabilities> types) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the proxy repeats to apps must look like a FHIR search parameter name, whatever the plan sent. */
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");
    /** {@code Type:parameter} or {@code Type:parameter:TargetType}. */
    private static final Pattern INCLUDE =
        Pattern.compile("[A-Z][A-Za-z]{0,63}:[A-Za-z_][A-Za-z0-9_.-]{0,63}(:[A-Z][A-Za-z]{0,63})?");
    private static final Pattern SEARCH_TYPE =
        Pattern.compile("number|date|string|token|reference|composite|quantity|uri|special");
    /** More is not a real server's statement; the rest is left out. */
    private static final int MAX_PER_TYPE = 200;

    /** A search parameter as the plan declares it: its name and FHIR search type ({@code token}, {@code date}...). */
    public record SearchParam(String name, String type) {
    }

    /** One resource type's searches at the plan. */
    public record TypeCapabilities(List<SearchParam> searchParams, List<String> includes, List<String> revIncludes) {

        public TypeCapabilities {
            searchParams = List.copyOf(searchParams);
            includes = List.copyOf(includes);
            revIncludes = List.copyOf(revIncludes);
        }
    }

    public PlanCapabilities {
        types = Map.copyOf(types);
    }

    public Optional<TypeCapabilities> of(String type) {
        return Optional.ofNullable(types.get(type));
    }

    /**
     * @throws IllegalArgumentException when {@code statement} is not a CapabilityStatement (the message says what
     *     it is instead, and quotes nothing of it)
     */
    public static PlanCapabilities from(JsonNode statement) {
        if (statement == null || !"CapabilityStatement".equals(statement.path("resourceType").asText())) {
            throw new IllegalArgumentException("the answer is not a FHIR CapabilityStatement");
        }
        Map<String, TypeCapabilities> types = new LinkedHashMap<>();
        for (JsonNode rest : statement.path("rest")) {
            if (!"server".equals(rest.path("mode").asText("server"))) {
                continue;
            }
            // Parameters declared for the whole server (rest.searchParam) apply to every type.
            List<SearchParam> everyType = params(rest.path("searchParam"), List.of());
            for (JsonNode resource : rest.path("resource")) {
                String type = resource.path("type").asText("");
                if (type.matches("[A-Z][A-Za-z]{0,63}")) {
                    types.put(type, new TypeCapabilities(params(resource.path("searchParam"), everyType),
                        texts(resource.path("searchInclude"), INCLUDE),
                            texts(resource.path("searchRevInclude"), INCLUDE)));
                }
            }
        }
        return new PlanCapabilities(statement.path("fhirVersion").asText(""), types);
    }

    private static List<SearchParam> params(JsonNode array, List<SearchParam> inherited) {
        List<SearchParam> params = new ArrayList<>();
        array.forEach(item -> {
            String name = item.path("name").asText("");
            String type = item.path("type").asText("string");
            if (params.size() < MAX_PER_TYPE && PARAMETER_NAME.matcher(name).matches()
                && params.stream().noneMatch(p -> p.name().equals(name))) {
                params.add(new SearchParam(name, SEARCH_TYPE.matcher(type).matches() ? type : "string"));
            }
        });
        inherited.stream().filter(p -> params.stream().noneMatch(q -> q.name().equals(p.name()))).forEach(params::add);
        return params;
    }

    private static List<String> texts(JsonNode array, Pattern shape) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> {
            if (texts.size() < MAX_PER_TYPE && item.isTextual() && shape.matcher(item.asText()).matches()
                && !texts.contains(item.asText())) {
                texts.add(item.asText());
            }
        });
        return texts;
    }

    /** The compact form this value is cached in. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode().put("fhirVersion", fhirVersion);
        ObjectNode byType = root.putObject("types");
        types.forEach((type, caps) -> {
            ObjectNode node = byType.putObject(type);
            ArrayNode params = node.putArray("searchParams");
            caps.searchParams().forEach(p -> params.addObject().put("name", p.name()).put("type", p.type()));
            caps.includes().forEach(node.putArray("includes")::add);
            caps.revIncludes().forEach(node.putArray("revIncludes")::add);
        });
        return root.toString();
    }

    /** Reads {@link #toJson()}; empty when the text is not that form. */
    public static Optional<PlanCapabilities> fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            Map<String, TypeCapabilities> types = new LinkedHashMap<>();
            root.path("types").fields().forEachRemaining(e -> types.put(e.getKey(), new TypeCapabilities(
                params(e.getValue().path("searchParams"), List.of()), strings(e.getValue().path("includes")),
                strings(e.getValue().path("revIncludes")))));
            return Optional.of(new PlanCapabilities(root.path("fhirVersion").asText(""), types));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array instanceof ArrayNode) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }
}
