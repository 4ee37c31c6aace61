package dev.payeraccess.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a plan's own CapabilityStatement ({@code {fhirBase}/metadata}) declares, reduced to what the proxy needs
 * to tell apps: its FHIR version, the search parameters it declares for the whole server and, per resource type it
 * may serve, the type's own search parameters, {@code _include} / {@code _revinclude} values and supported
 * profiles. Kept compact, so it can be cached between probes.
 *
 * <p>A CapabilityStatement is untrusted input read by a background probe no administrator watches, and its cached
 * form is read again by anonymous requests: it is walked token by token (never held as a tree), only the types the
 * plan may serve are kept, and every list and the whole kept value are capped, so what is kept is at most
 * {@link #MAX_STORED_CHARS} whatever the plan sent, and the work is linear in what it sent.
 *
 * @param serverSearchParams {@code rest.searchParam}: parameters declared for every type, kept once
 * @param types each type's own searches; {@link #of(String)} adds the server-wide parameters
 */
public record PlanCapabilities(String fhirVersion, List<SearchParam> serverSearchParams,
                               Map<String, TypeCapabilities> types) {

    /**
     * The longest cached form ({@link #toJson()}): what is kept is counted while it is read (names plus the JSON
     * around them), and stops growing before this. A hundred types fully declared by a large server take a tenth.
     */
    public static final int MAX_STORED_CHARS = 256 * 1024;
    /** R4 has 146 resource types; a statement never declares more real ones than that. */
    static final int MAX_TYPES = 160;
    /** The richest type of a full FHIR server (HAPI's Patient) declares about 40 parameters. */
    static final int MAX_PARAMS_PER_TYPE = 100;
    /** Server-wide parameters are the few {@code _} ones ({@code _id}, {@code _lastUpdated}...). */
    static final int MAX_SERVER_PARAMS = 100;
    /** A type's operations are a handful ({@code $everything}, {@code $validate}, {@code $match}...). */
    static final int MAX_OPERATIONS_PER_TYPE = 50;
    /** HAPI declares a {@code _revinclude} for every reference to Patient, about 150; more is not a real server. */
    static final int MAX_INCLUDES_PER_TYPE = 200;
    /** A type's {@code supportedProfile} list: US Core and CARIN declare a few dozen at most. */
    static final int MAX_PROFILES_PER_TYPE = 64;
    /** A profile's canonical URL, with an optional {@code |version}: what the proxy repeats must look like one. */
    private static final Pattern PROFILE = Pattern.compile("https?://[A-Za-z0-9._~:/?#\\[\\]@!$&'()*+,;=%|-]{1,190}");
    /** Names longer than FHIR's (type and parameter names are at most 64 characters) are not looked at. */
    private static final int MAX_NAME_CHARS = 200;
    /** What the proxy repeats to apps must look like a FHIR search parameter name, whatever the plan sent. */
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Z][A-Za-z]{0,63}");
    /** {@code Type:parameter} or {@code Type:parameter:TargetType}. */
    private static final Pattern INCLUDE =
        Pattern.compile("[A-Z][A-Za-z]{0,63}:[A-Za-z_][A-Za-z0-9_.-]{0,63}(:[A-Z][A-Za-z]{0,63})?");
    private static final Pattern SEARCH_TYPE =
        Pattern.compile("number|date|string|token|reference|composite|quantity|uri|special");
    private static final Pattern FHIR_VERSION = Pattern.compile("[0-9A-Za-z.\\-]{1,32}");

    /** A search parameter as the plan declares it: its name and FHIR search type ({@code token}, {@code date}...). */
    public record SearchParam(String name, String type) {
    }

    /**
     * One resource type's searches at the plan, the operations it declares on the type by name without the
     * {@code $} ({@code everything} of {@code Patient/[id]/$everything}), and the profiles it declares its resources
     * conform to ({@code supportedProfile}, e.g. the Da Vinci PDex prior authorization profile on
     * ExplanationOfBenefit).
     */
    public record TypeCapabilities(List<SearchParam> searchParams, List<String> includes, List<String> revIncludes,
                                   List<String> operations, List<String> supportedProfiles) {

        public TypeCapabilities {
            searchParams = List.copyOf(searchParams);
            includes = List.copyOf(includes);
            revIncludes = List.copyOf(revIncludes);
            operations = List.copyOf(operations);
            supportedProfiles = List.copyOf(supportedProfiles);
        }

        /** Without operations or declared profiles. */
        public TypeCapabilities(List<SearchParam> searchParams, List<String> includes, List<String> revIncludes) {
            this(searchParams, includes, revIncludes, List.of(), List.of());
        }

        /** Whether the type declares the operation {@code name} (without {@code $}). */
        public boolean declaresOperation(String name) {
            return operations.contains(name);
        }

        /** Whether a parameter of this name is declared (the type's own or, through {@link #of}, the server's). */
        public boolean declares(String parameter) {
            return searchParams.stream().anyMatch(p -> p.name().equals(parameter));
        }

        /** Whether {@code canonical} is a declared profile, with or without a {@code |version}. */
        public boolean supportsProfile(String canonical) {
            return supportedProfiles.stream().anyMatch(p -> p.equals(canonical) || p.startsWith(canonical + "|"));
        }
    }

    public PlanCapabilities {
        serverSearchParams = List.copyOf(serverSearchParams);
        types = Map.copyOf(types);
    }

    /** Without server-wide parameters. */
    public PlanCapabilities(String fhirVersion, Map<String, TypeCapabilities> types) {
        this(fhirVersion, List.of(), types);
    }

    /** The type's searches: its own parameters, then the server-wide ones it does not declare itself. */
    public Optional<TypeCapabilities> of(String type) {
        TypeCapabilities own = types.get(type);
        if (own == null || serverSearchParams.isEmpty()) {
            return Optional.ofNullable(own);
        }
        Set<String> names = new HashSet<>();
        List<SearchParam> params = new ArrayList<>(own.searchParams());
        params.forEach(p -> names.add(p.name()));
        serverSearchParams.stream().filter(p -> names.add(p.name())).forEach(params::add);
        return Optional.of(new TypeCapabilities(params, own.includes(), own.revIncludes(), own.operations(),
            own.supportedProfiles()));
    }

    /**
     * Reads a plan's CapabilityStatement, keeping the types of {@code servable} only.
     *
     * @param servable the types the plan may serve through the proxy (the administrator's allowed types)
     * @throws IllegalArgumentException when {@code statement} is not JSON within {@link PlanJson}'s bounds or not a
     *     CapabilityStatement (the message says which, and quotes nothing of it)
     */
    public static PlanCapabilities read(String statement, Collection<String> servable) {
        Set<String> kept = new HashSet<>(servable);
        try (JsonParser json = PlanJson.stream(statement)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("the answer is not a FHIR CapabilityStatement");
            }
            Kept statementKept = new Kept();
            String[] resourceType = {""};
            String[] version = {""};
            JsonWalk.fields(json, field -> {
                switch (field) {
                    case "resourceType" -> resourceType[0] = JsonWalk.text(json, MAX_NAME_CHARS);
                    case "fhirVersion" -> version[0] = JsonWalk.text(json, MAX_NAME_CHARS);
                    case "rest" -> JsonWalk.elements(json, () -> readRest(json, kept).into(statementKept));
                    default -> json.skipChildren();
                }
            });
            if (!"CapabilityStatement".equals(resourceType[0])) {
                throw new IllegalArgumentException("the answer is not a FHIR CapabilityStatement");
            }
            return statementKept.capabilities(FHIR_VERSION.matcher(version[0]).matches() ? version[0] : "");
        } catch (IOException e) {
            // Jackson's refusals (not JSON, a bound passed, a key twice) are all JsonProcessingExceptions.
            throw new IllegalArgumentException("the answer is not JSON, or larger or deeper than a CapabilityStatement "
                + "the proxy reads (" + PlanJson.MAX_STREAM_BYTES / (1024 * 1024) + " MB, " + PlanJson.MAX_DEPTH
                + " levels, strings of " + PlanJson.MAX_STRING_CHARS / 1024 + " KB, no key twice in an object)");
        }
    }

    /** One {@code rest} entry; kept only when its {@code mode} is {@code server}, which may come last. */
    private static Kept readRest(JsonParser json, Set<String> servable) throws IOException {
        Kept rest = new Kept();
        if (json.currentToken() != JsonToken.START_OBJECT) {
            json.skipChildren();
            return rest;
        }
        JsonWalk.fields(json, field -> {
            switch (field) {
                case "mode" -> rest.server = "server".equals(JsonWalk.text(json, MAX_NAME_CHARS));
                case "searchParam" -> JsonWalk.elements(json, () -> rest.serverParam(param(json)));
                case "resource" -> JsonWalk.elements(json, () -> readResource(json, servable, rest));
                default -> json.skipChildren();
            }
        });
        return rest;
    }

    private static void readResource(JsonParser json, Set<String> servable, Kept rest) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            json.skipChildren();
            return;
        }
        Declared declared = new Declared();
        String[] type = {null};
        JsonWalk.fields(json, field -> {
            // Servers write the type first: the lists of a type that is not kept are then walked, not read.
            boolean wanted = type[0] == null || servable.contains(type[0]);
            switch (wanted ? field : "") {
                case "type" -> type[0] = JsonWalk.text(json, MAX_NAME_CHARS);
                case "searchParam" -> JsonWalk.elements(json, () -> declared.param(param(json)));
                case "searchInclude" -> JsonWalk.elements(json, () -> declared.include(JsonWalk.text(json,
                    MAX_NAME_CHARS)));
                case "searchRevInclude" -> JsonWalk.elements(json, () -> declared.revInclude(JsonWalk.text(json,
                    MAX_NAME_CHARS)));
                case "operation" -> JsonWalk.elements(json, () -> declared.operation(operation(json)));
                case "supportedProfile" -> JsonWalk.elements(json, () -> declared.profile(JsonWalk.text(json,
                    MAX_NAME_CHARS)));
                default -> json.skipChildren();
            }
        });
        if (type[0] != null && servable.contains(type[0]) && !rest.has(type[0])
            && TYPE_NAME.matcher(type[0]).matches()) {
            rest.type(type[0], declared);
        }
    }

    /** A {@code searchParam} entry: its name when it has one worth repeating, else empty. */
    private static Optional<SearchParam> param(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            json.skipChildren();
            return Optional.empty();
        }
        String[] name = {""};
        String[] type = {"string"};
        JsonWalk.fields(json, field -> {
            switch (field) {
                case "name" -> name[0] = JsonWalk.text(json, MAX_NAME_CHARS);
                case "type" -> type[0] = JsonWalk.text(json, MAX_NAME_CHARS);
                default -> json.skipChildren();
            }
        });
        return PARAMETER_NAME.matcher(name[0]).matches()
            ? Optional.of(new SearchParam(name[0], SEARCH_TYPE.matcher(type[0]).matches() ? type[0] : "string"))
            : Optional.empty();
    }

    /**
     * An {@code operation} entry's name without {@code $} ({@code everything}); empty when it has none worth keeping.
     * Servers name it {@code everything} (HAPI) or {@code $everything}; its definition says which operation it is.
     */
    private static Optional<String> operation(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            json.skipChildren();
            return Optional.empty();
        }
        String[] name = {""};
        JsonWalk.fields(json, field -> {
            if ("name".equals(field)) {
                name[0] = JsonWalk.text(json, MAX_NAME_CHARS);
            } else {
                json.skipChildren();
            }
        });
        String bare = name[0].startsWith("$") ? name[0].substring(1) : name[0];
        return PARAMETER_NAME.matcher(bare).matches() ? Optional.of(bare) : Optional.empty();
    }

    /**
     * One type's declarations while they are read: each list capped, no value twice (checked in constant time).
     * Nothing is allocated until something is kept, as a plan may send millions of empty entries.
     */
    private static final class Declared {
        private List<SearchParam> params;
        private Set<String> paramNames;
        private List<String> includes;
        private List<String> revIncludes;
        private List<String> operations;
        private List<String> profiles;
        private Set<String> seen;

        void param(Optional<SearchParam> param) {
            param(param, MAX_PARAMS_PER_TYPE);
        }

        /** @return whether it was kept */
        boolean param(Optional<SearchParam> param, int cap) {
            if (param.isEmpty() || params().size() >= cap) {
                return false;
            }
            paramNames = paramNames == null ? new HashSet<>() : paramNames;
            return paramNames.add(param.get().name()) && params.add(param.get());
        }

        void include(String value) {
            includes = includes == null ? new ArrayList<>() : includes;
            keep(includes, "i", value);
        }

        void revInclude(String value) {
            revIncludes = revIncludes == null ? new ArrayList<>() : revIncludes;
            keep(revIncludes, "r", value);
        }

        void operation(Optional<String> name) {
            if (name.isEmpty()) {
                return;
            }
            operations = operations == null ? new ArrayList<>() : operations;
            seen = seen == null ? new HashSet<>() : seen;
            if (operations.size() < MAX_OPERATIONS_PER_TYPE && seen.add("o" + name.get())) {
                operations.add(name.get());
            }
        }

        void profile(String value) {
            profiles = profiles == null ? new ArrayList<>() : profiles;
            if (profiles.size() < MAX_PROFILES_PER_TYPE && PROFILE.matcher(value).matches()) {
                seen = seen == null ? new HashSet<>() : seen;
                if (seen.add("p" + value)) {
                    profiles.add(value);
                }
            }
        }

        private void keep(List<String> list, String kind, String value) {
            if (list.size() < MAX_INCLUDES_PER_TYPE && INCLUDE.matcher(value).matches()) {
                seen = seen == null ? new HashSet<>() : seen;
                if (seen.add(kind + value)) {
                    list.add(value);
                }
            }
        }

        List<SearchParam> params() {
            params = params == null ? new ArrayList<>() : params;
            return params;
        }

        /** Characters of the cached form this declaration takes, with the JSON around each value. */
        int cost(String type) {
            int cost = type.length() + 64;
            for (SearchParam p : params == null ? List.<SearchParam>of() : params) {
                cost += paramCost(p);
            }
            for (String include : includes == null ? List.<String>of() : includes) {
                cost += include.length() + 4;
            }
            for (String include : revIncludes == null ? List.<String>of() : revIncludes) {
                cost += include.length() + 4;
            }
            for (String operation : operations == null ? List.<String>of() : operations) {
                cost += operation.length() + 4;
            }
            for (String profile : profiles == null ? List.<String>of() : profiles) {
                cost += profile.length() + 4;
            }
            return cost;
        }

        TypeCapabilities capabilities() {
            return new TypeCapabilities(params == null ? List.of() : params, includes == null ? List.of() : includes,
                revIncludes == null ? List.of() : revIncludes, operations == null ? List.of() : operations,
                profiles == null ? List.of() : profiles);
        }
    }

    private static int paramCost(SearchParam param) {
        return param.name().length() + param.type().length() + 24;
    }

    /**
     * What is kept of a statement, or of one of its {@code rest} entries: the first declaration of each type while
     * {@link #MAX_TYPES} and the budget of {@link #MAX_STORED_CHARS} last; later ones are left out.
     */
    private static final class Kept {
        /** Room for {@code fhirVersion} and the JSON around the lists. */
        private static final int BUDGET = MAX_STORED_CHARS - 1024;
        private Map<String, Declared> types;
        private final Declared serverParams = new Declared();
        private boolean server = true;
        private int used;

        void serverParam(Optional<SearchParam> param) {
            if (param.isPresent() && fits(paramCost(param.get())) && serverParams.param(param, MAX_SERVER_PARAMS)) {
                used += paramCost(param.get());
            }
        }

        void type(String type, Declared declared) {
            types = types == null ? new LinkedHashMap<>() : types;
            int cost = declared.cost(type);
            if (types.size() < MAX_TYPES && !types.containsKey(type) && fits(cost)) {
                types.put(type, declared);
                used += cost;
            }
        }

        boolean has(String type) {
            return types != null && types.containsKey(type);
        }

        private boolean fits(int cost) {
            return used + cost <= BUDGET;
        }

        /** A server {@code rest} entry's declarations added to the statement's, within the statement's caps. */
        void into(Kept statement) {
            if (!server) {
                return;
            }
            serverParams.capabilities().searchParams().forEach(p -> statement.serverParam(Optional.of(p)));
            if (types != null) {
                types.forEach(statement::type);
            }
        }

        PlanCapabilities capabilities(String fhirVersion) {
            Map<String, TypeCapabilities> kept = new LinkedHashMap<>();
            if (types != null) {
                types.forEach((type, declared) -> kept.put(type, declared.capabilities()));
            }
            return new PlanCapabilities(fhirVersion, serverParams.capabilities().searchParams(), kept);
        }
    }

    /** The compact form this value is cached in: at most {@link #MAX_STORED_CHARS}. */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = PlanJson.writer(out)) {
            json.writeStartObject();
            json.writeStringField("fhirVersion", fhirVersion);
            writeParams(json, "serverSearchParams", serverSearchParams);
            json.writeObjectFieldStart("types");
            for (Map.Entry<String, TypeCapabilities> type : types.entrySet()) {
                json.writeObjectFieldStart(type.getKey());
                writeParams(json, "searchParams", type.getValue().searchParams());
                writeStrings(json, "includes", type.getValue().includes());
                writeStrings(json, "revIncludes", type.getValue().revIncludes());
                writeStrings(json, "operations", type.getValue().operations());
                writeStrings(json, "supportedProfiles", type.getValue().supportedProfiles());
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeParams(JsonGenerator json, String field, List<SearchParam> params) throws IOException {
        json.writeArrayFieldStart(field);
        for (SearchParam p : params) {
            json.writeStartObject();
            json.writeStringField("name", p.name());
            json.writeStringField("type", p.type());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeStrings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    /**
     * Reads {@link #toJson()}, with the same caps as a plan's statement (the cached form is checked, not trusted);
     * empty when the text is not that form or longer than {@link #MAX_STORED_CHARS}.
     */
    public static Optional<PlanCapabilities> fromJson(String cached) {
        if (cached == null || cached.length() > MAX_STORED_CHARS) {
            return Optional.empty();
        }
        try (JsonParser json = PlanJson.stream(cached)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            Kept kept = new Kept();
            String[] version = {""};
            JsonWalk.fields(json, field -> {
                switch (field) {
                    case "fhirVersion" -> version[0] = JsonWalk.text(json, MAX_NAME_CHARS);
                    case "serverSearchParams" -> JsonWalk.elements(json, () -> kept.serverParam(param(json)));
                    case "types" -> readCachedTypes(json, kept);
                    default -> json.skipChildren();
                }
            });
            return Optional.of(kept.capabilities(version[0]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> cachedOperation(JsonParser json) throws IOException {
        String name = JsonWalk.text(json, MAX_NAME_CHARS);
        return PARAMETER_NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }

    private static void readCachedTypes(JsonParser json, Kept kept) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            json.skipChildren();
            return;
        }
        JsonWalk.fields(json, type -> {
            Declared declared = new Declared();
            if (json.currentToken() != JsonToken.START_OBJECT) {
                json.skipChildren();
                return;
            }
            JsonWalk.fields(json, field -> {
                switch (field) {
                    case "searchParams" -> JsonWalk.elements(json, () -> declared.param(param(json)));
                    case "includes" -> JsonWalk.elements(json, () -> declared.include(JsonWalk.text(json,
                        MAX_NAME_CHARS)));
                    case "revIncludes" -> JsonWalk.elements(json, () -> declared.revInclude(JsonWalk.text(json,
                        MAX_NAME_CHARS)));
                    case "operations" -> JsonWalk.elements(json, () -> declared.operation(cachedOperation(json)));
                    case "supportedProfiles" -> JsonWalk.elements(json, () -> declared.profile(JsonWalk.text(json,
                        MAX_NAME_CHARS)));
                    default -> json.skipChildren();
                }
            });
            if (TYPE_NAME.matcher(type).matches()) {
                kept.type(type, declared);
            }
        });
    }
}
