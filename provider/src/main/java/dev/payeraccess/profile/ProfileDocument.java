package dev.payeraccess.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One health plan's profile as organizations share it: where the plan's OAuth server and FHIR API are and how
 * they bend the standard, never credentials. A versioned JSON document:
 * <pre>
 * {"format": "payer-access/plan-profile", "version": 1,
 *  "plan": {"alias": "acme", "displayName": "Acme Health", "settings": {"fhirBaseUrl": "https://...", ...}}}
 * </pre>
 * Pure: reading a document refuses it with a message naming the field and the fix.
 *
 * @param alias the plan's alias in the realm it comes from or is saved to
 * @param displayName the plan's name as members see it, when there is one
 * @param settings the plan's profile settings ({@link SharedSettings}), each with a value, in the form's order
 */
public record ProfileDocument(String alias, Optional<String> displayName, Map<String, String> settings) {

    static final String FORMAT = "payer-access/plan-profile";
    /** Raised when the document's shape changes; this Keycloak reads only the version it writes. */
    static final int VERSION = 1;

    private static final List<String> DOCUMENT_FIELDS = List.of("format", "version", "plan");
    private static final List<String> PLAN_FIELDS = List.of("alias", "displayName", "settings");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader READER = JSON.readerFor(JsonNode.class)
        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Longest field name or alias quoted back in a refusal. */
    private static final int QUOTED_LENGTH = 64;

    public ProfileDocument {
        Objects.requireNonNull(alias, "alias");
        displayName = displayName.filter(name -> !name.isBlank());
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** The document as JSON, as the admin API answers it and a later import reads it. */
    public ObjectNode toJson() {
        ObjectNode plan = JSON.createObjectNode().put("alias", alias);
        displayName.ifPresent(name -> plan.put("displayName", name));
        ObjectNode values = plan.putObject("settings");
        settings.forEach(values::put);
        ObjectNode document = JSON.createObjectNode().put("format", FORMAT).put("version", VERSION);
        document.set("plan", plan);
        return document;
    }

    /**
     * Reads a document sent to be saved as plan {@code alias}. Refuses, naming the field: another format or
     * version, fields a version-1 document does not have, a {@code plan.alias} other than {@code alias}, and
     * settings that are no profile settings (credentials, this organization's policy, unknown keys, vault
     * references). Values are never quoted back: a mistaken document may hold a secret.
     */
    public static ProfileDocument read(String body, String alias, SharedSettings profile) throws RefusedProfile {
        requireUsableAlias(alias);
        JsonNode document = object(parse(body), "The body");
        requireFormat(document);
        requireVersion(document);
        onlyFields(document, "The document", DOCUMENT_FIELDS);
        JsonNode plan = object(document.get("plan"), "plan");
        onlyFields(plan, "plan", PLAN_FIELDS);
        requireSameAlias(text(plan, "alias"), alias);
        return new ProfileDocument(alias, text(plan, "displayName"),
            settings(object(plan.get("settings"), "plan.settings"), profile));
    }

    private static JsonNode parse(String body) throws RefusedProfile {
        if (body == null || body.isBlank()) {
            throw new RefusedProfile("The body is empty: send a plan profile document, as GET on this path answers "
                + "it.");
        }
        try {
            return READER.readValue(body);
        } catch (JsonProcessingException e) {
            // Where, never Jackson's message: it quotes the body, which may hold a secret.
            String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new RefusedProfile("The body is not JSON" + where + ": send a plan profile document, as GET on this "
                + "path answers it.");
        }
    }

    private static JsonNode object(JsonNode node, String name) throws RefusedProfile {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new RefusedProfile(name + " is missing: a plan profile document is {\"format\": \"" + FORMAT
                + "\", \"version\": " + VERSION + ", \"plan\": {\"alias\", \"displayName\", \"settings\": {...}}}.");
        }
        if (!node.isObject()) {
            throw new RefusedProfile(name + " must be a JSON object, as in {\"format\": \"" + FORMAT
                + "\", \"version\": "
                + VERSION + ", \"plan\": {\"alias\", \"displayName\", \"settings\": {...}}}.");
        }
        return node;
    }

    private static void requireFormat(JsonNode document) throws RefusedProfile {
        JsonNode format = document.path("format");
        if (!format.isTextual() || !format.asText().equals(FORMAT)) {
            throw new RefusedProfile("format must be \"" + FORMAT + "\"" + (format.isMissingNode() ? ", and is missing"
                : "") + ": this path saves plan profiles exported by GET on it, nothing else.");
        }
    }

    private static void requireVersion(JsonNode document) throws RefusedProfile {
        JsonNode version = document.path("version");
        if (!version.isIntegralNumber() || version.asLong() != VERSION) {
            throw new RefusedProfile("version " + (version.isMissingNode() ? "is missing" : quoted(version.toString())
                + " is not one this Keycloak reads") + ": it reads plan profiles of version " + VERSION + ". Export "
                + "the profile from a Keycloak whose payer-access extension writes version " + VERSION + ".");
        }
    }

    private static void onlyFields(JsonNode node, String name, List<String> allowed) throws RefusedProfile {
        for (Iterator<String> fields = node.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!allowed.contains(field)) {
                throw new RefusedProfile(name + " has a field " + quoted(field) + " that a plan profile of version "
                    + VERSION + " does not have: it holds " + String.join(", ", allowed) + ".");
            }
        }
    }

    /**
     * An alias that is safe in every URL it becomes part of (the broker's redirect URI, the proxy's base, the picker's
     * links): letters, digits, dots, dashes and underscores. Keycloak's own API refuses fewer characters, and an alias
     * with {@code /} or {@code {}} would break those URLs.
     */
    private static void requireUsableAlias(String alias) throws RefusedProfile {
        if (!alias.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new RefusedProfile("The plan's alias in the path, " + quoted(alias) + ", may hold only letters, "
                + "digits, dots, dashes and underscores (at most 64): e.g. acme-health.");
        }
    }

    private static void requireSameAlias(Optional<String> named, String alias) throws RefusedProfile {
        if (named.isPresent() && !named.get().equals(alias)) {
            throw new RefusedProfile("plan.alias " + quoted(named.get()) + " differs from the alias in the path, "
                + quoted(alias) + ": change plan.alias to " + quoted(alias) + ", or remove it, to save the profile as "
                + "that plan.");
        }
    }

    private static Optional<String> text(JsonNode plan, String field) throws RefusedProfile {
        JsonNode value = plan.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new RefusedProfile("plan." + field + " must be text.");
        }
        return Optional.of(value.asText()).filter(text -> !text.isBlank());
    }

    /** Every setting, or every problem with them at once: an administrator fixes a shared document in one go. */
    private static Map<String, String> settings(JsonNode node, SharedSettings profile) throws RefusedProfile {
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            String name = "plan.settings." + shortened(field.getKey());
            if (!value.isValueNode()) {
                problems.add(name + " must be text, a number or true/false.");
                continue;
            }
            String text = value.isNull() ? "" : value.asText();
            profile.refusal(field.getKey(), text).ifPresentOrElse(why -> problems.add(name + " " + why), () -> {
                if (!text.isBlank()) {
                    settings.put(field.getKey(), text);
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new RefusedProfile(String.join(" ", problems));
        }
        return settings;
    }

    private static String quoted(String text) {
        return "'" + shortened(text) + "'";
    }

    private static String shortened(String text) {
        return text.length() <= QUOTED_LENGTH ? text : text.substring(0, QUOTED_LENGTH) + "...";
    }
}
