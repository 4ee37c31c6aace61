package dev.payeraccess.onboarding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the plans' credentials an administrator sends to enable them at once: JSON
 * ({@code {"plans": [{"alias", "clientId", "clientSecret", ...}]}} or the bare array) or CSV with a header line
 * naming the same columns. Pure. A sheet that cannot be read is refused whole, with a message that names the entry
 * or line and never repeats a value from it (it may be a secret).
 */
public final class CredentialsSheet {

    /** One request is one transaction, and enabling a plan may ask the plan for its SMART configuration. */
    public static final int MAX_PLANS = 200;
    public static final int MAX_CHARS = 1_000_000;
    static final String ALIAS = "alias";
    static final String CLIENT_ID = "clientId";
    static final String CLIENT_SECRET = "clientSecret";
    static final String CLIENT_AUTH_METHOD = "clientAuthMethod";
    static final String CLIENT_ASSERTION_SIGNING_ALG = "clientAssertionSigningAlg";
    static final String CONFIRM_ENDPOINTS = "confirmEndpoints";
    static final List<String> COLUMNS = List.of(ALIAS, CLIENT_ID, CLIENT_SECRET, CLIENT_AUTH_METHOD,
        CLIENT_ASSERTION_SIGNING_ALG);
    private static final ObjectMapper JSON = new ObjectMapper();

    private CredentialsSheet() {
    }

    /** @throws IllegalArgumentException saying what to fix */
    public static List<PlanCredentials> fromJson(String body) {
        JsonNode tree = parse(body);
        JsonNode plans = tree.isObject() ? tree.path("plans") : tree;
        if (!plans.isArray()) {
            throw new IllegalArgumentException("The body is JSON {\"plans\": [{\"alias\": …, \"clientId\": …, "
                + "\"clientSecret\": …}, …]}, or that array alone.");
        }
        List<PlanCredentials> read = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            read.add(entry(plans.get(i), i + 1));
        }
        return checked(read);
    }

    /** @throws IllegalArgumentException saying what to fix */
    public static List<PlanCredentials> fromCsv(String body) {
        List<List<String>> rows = CsvRows.read(sized(body));
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("The CSV is empty: its first line names the columns, e.g. "
                + String.join(",", COLUMNS.subList(0, 3)) + ".");
        }
        List<String> header = rows.get(0).stream().map(String::trim).toList();
        header.stream().filter(column -> !COLUMNS.contains(column)).findFirst().ifPresent(column -> {
            throw new IllegalArgumentException("The CSV's column '" + column + "' is none of "
                + String.join(", ", COLUMNS) + ".");
        });
        if (!header.contains(ALIAS)) {
            throw new IllegalArgumentException("The CSV's first line names no alias column.");
        }
        List<PlanCredentials> read = new ArrayList<>();
        for (int line = 1; line < rows.size(); line++) {
            List<String> row = rows.get(line);
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("Line " + (line + 1) + " of the CSV has " + row.size()
                    + " values, the header " + header.size() + ": quote a value that holds a comma.");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int column = 0; column < header.size(); column++) {
                values.put(header.get(column), row.get(column));
            }
            read.add(credentials(values, Map.of(), "line " + (line + 1)));
        }
        return checked(read);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode tree = JSON.readTree(sized(body));
            if (tree == null) {
                throw new IllegalArgumentException("The body is empty.");
            }
            return tree;
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the body, and the body holds secrets.
            String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new IllegalArgumentException("The body is not JSON" + line + ".");
        }
    }

    private static String sized(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("The body is empty: give each plan's alias and credentials.");
        }
        if (body.length() > MAX_CHARS) {
            throw new IllegalArgumentException("The body is larger than " + MAX_CHARS / 1000 + " KB: split it.");
        }
        return body;
    }

    private static PlanCredentials entry(JsonNode entry, int number) {
        String where = "entry " + number;
        if (!entry.isObject()) {
            throw new IllegalArgumentException("The " + where + " is no JSON object.");
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> confirm = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = entry.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals(CONFIRM_ENDPOINTS)) {
                confirm.putAll(endpoints(field.getValue(), where));
            } else if (!COLUMNS.contains(field.getKey())) {
                throw new IllegalArgumentException("The " + where + " has '" + field.getKey() + "', which is none of "
                    + String.join(", ", COLUMNS) + ", " + CONFIRM_ENDPOINTS + ".");
            } else if (!field.getValue().isTextual() && !field.getValue().isNull()) {
                throw new IllegalArgumentException("The " + where + "'s " + field.getKey() + " is no string.");
            } else {
                values.put(field.getKey(), field.getValue().isNull() ? "" : field.getValue().asText());
            }
        }
        return credentials(values, confirm, where);
    }

    private static Map<String, String> endpoints(JsonNode node, String where) {
        Map<String, String> endpoints = new LinkedHashMap<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> endpoints.put(field.getKey(), field.getValue().asText()));
        }
        if (!node.isObject() || endpoints.isEmpty()) {
            throw new IllegalArgumentException("The " + where + "'s " + CONFIRM_ENDPOINTS + " is an object of the "
                + "endpoints waiting for confirmation, as the answer that enabled the plan named them.");
        }
        return endpoints;
    }

    private static PlanCredentials credentials(Map<String, String> values, Map<String, String> confirm,
                                               String where) {
        String alias = text(values, ALIAS).orElseThrow(() -> new IllegalArgumentException("The " + where
            + " has no alias: name the plan as Identity providers lists it."));
        return new PlanCredentials(alias, text(values, CLIENT_ID), text(values, CLIENT_SECRET),
            text(values, CLIENT_AUTH_METHOD), text(values, CLIENT_ASSERTION_SIGNING_ALG), confirm);
    }

    private static Optional<String> text(Map<String, String> values, String key) {
        return Optional.ofNullable(values.get(key)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static List<PlanCredentials> checked(List<PlanCredentials> read) {
        if (read.isEmpty()) {
            throw new IllegalArgumentException("The sheet names no plan.");
        }
        if (read.size() > MAX_PLANS) {
            throw new IllegalArgumentException("The sheet names " + read.size() + " plans; one request takes at most "
                + MAX_PLANS + ": split it and send the parts one after another.");
        }
        Set<String> seen = new HashSet<>();
        read.stream().map(PlanCredentials::alias).filter(alias -> !seen.add(alias)).findFirst().ifPresent(alias -> {
            throw new IllegalArgumentException("Plan " + alias + " is named twice: give each plan once.");
        });
        return List.copyOf(read);
    }
}
