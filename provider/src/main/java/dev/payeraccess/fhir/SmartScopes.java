package dev.payeraccess.fhir;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resource access a set of SMART App Launch scopes grants, for {@code patient/} and {@code user/}
 * contexts: v1 ({@code patient/Coverage.read}, {@code user/*.read}, {@code .*}) and v2 ({@code .rs},
 * {@code .r}, {@code .s}, {@code .cruds}). Scopes that grant no read ({@code .write}, {@code .c}) and other
 * scopes ({@code openid}, {@code launch/patient}) grant nothing.
 *
 * <p>A v2 scope narrowed by a query (a SMART 2.0 granular scope, {@code patient/Observation.rs?category=...}) grants
 * its type only {@linkplain #restrictions restricted} to what the query finds; {@link #allows} and
 * {@link #inUserContext} speak of grants without a query. When scopes of both contexts grant a type, the first of
 * these is the grant: a {@code user/} scope without query, a {@code patient/} scope without query, the {@code user/}
 * scopes with a query, the {@code patient/} scopes with a query. Never a mix, so no grant is wider than one the app
 * was given. A query on a wildcard ({@code patient/*.rs?...}) or on a v1 permission grants nothing.
 */
public final class SmartScopes {

    private static final Pattern RESOURCE_SCOPE =
        Pattern.compile("^(patient|user)/(\\*|[A-Z][A-Za-z]{1,63})\\.(read|write|\\*|c?r?u?d?s?)(\\?(.*))?$");

    /** What {@code patient/} scopes grant, by type ({@code *} for all). */
    private final Map<String, Set<Access>> patientContext;
    /** What {@code user/} scopes grant: whatever the user may see, which at a plan can include dependents. */
    private final Map<String, Set<Access>> userContext;
    /** What {@code patient/} scopes with a query grant, by type and access. */
    private final Map<String, Map<Access, List<ScopeQuery>>> patientQueries;
    /** What {@code user/} scopes with a query grant, by type and access. */
    private final Map<String, Map<Access, List<ScopeQuery>>> userQueries;
    private final boolean namesAnyResource;

    private SmartScopes(Map<String, Set<Access>> patientContext, Map<String, Set<Access>> userContext,
                        Map<String, Map<Access, List<ScopeQuery>>> patientQueries,
                        Map<String, Map<Access, List<ScopeQuery>>> userQueries, boolean namesAnyResource) {
        this.patientContext = patientContext;
        this.userContext = userContext;
        this.patientQueries = patientQueries;
        this.userQueries = userQueries;
        this.namesAnyResource = namesAnyResource;
    }

    /** A space-separated scope string, as a token or a grant carries it. */
    public static SmartScopes parse(String scope) {
        return parse(scope == null ? Set.of() : words(scope));
    }

    /**
     * The scope's words, trimmed and split at runs of whitespace ({@code \s+}) without a regular expression: every
     * proxied read parses two.
     */
    private static Set<String> words(String untrimmed) {
        String scope = untrimmed.trim();
        Set<String> words = new LinkedHashSet<>();
        int start = -1;
        for (int i = 0; i <= scope.length(); i++) {
            boolean space = i == scope.length() || isSpace(scope.charAt(i));
            if (space && start >= 0) {
                words.add(scope.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return words;
    }

    /** What {@code \s} matches: a space, a tab, a line feed, a vertical tab, a form feed or a carriage return. */
    private static boolean isSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    public static SmartScopes parse(Collection<String> scopes) {
        Map<String, Set<Access>> patientContext = new HashMap<>();
        Map<String, Set<Access>> userContext = new HashMap<>();
        Map<String, Map<Access, List<ScopeQuery>>> patientQueries = new HashMap<>();
        Map<String, Map<Access, List<ScopeQuery>>> userQueries = new HashMap<>();
        boolean namesAnyResource = false;
        for (String scope : scopes) {
            if (scope.startsWith("patient/") || scope.startsWith("user/")) {
                namesAnyResource = true;
            }
            Matcher m = RESOURCE_SCOPE.matcher(scope);
            if (!m.matches()) {
                continue;
            }
            boolean user = m.group(1).equals("user");
            if (m.group(4) == null) {
                (user ? userContext : patientContext).computeIfAbsent(m.group(2), t -> EnumSet.noneOf(Access.class))
                    .addAll(accessOf(m.group(3)));
                continue;
            }
            Optional<ScopeQuery> query = ScopeQuery.parse(m.group(5));
            boolean v2 = !m.group(3).isEmpty() && m.group(3).matches("c?r?u?d?s?");
            if (query.isPresent() && v2 && !m.group(2).equals("*")) {
                Map<Access, List<ScopeQuery>> byAccess = (user ? userQueries : patientQueries)
                    .computeIfAbsent(m.group(2), t -> new HashMap<>());
                accessOf(m.group(3)).forEach(a -> byAccess.computeIfAbsent(a, x -> new ArrayList<>()).add(query.get()));
            }
        }
        return new SmartScopes(patientContext, userContext, patientQueries, userQueries, namesAnyResource);
    }

    private static Set<Access> accessOf(String permissions) {
        switch (permissions) {
            case "read":
            case "*":
                return EnumSet.allOf(Access.class);
            case "write":
                return EnumSet.noneOf(Access.class);
            default:
                Set<Access> access = EnumSet.noneOf(Access.class);
                if (permissions.contains("r")) {
                    access.add(Access.READ);
                }
                if (permissions.contains("s")) {
                    access.add(Access.SEARCH);
                }
                return access;
        }
    }

    /** In either context. */
    public boolean allows(String type, Access access) {
        return inUserContext(type, access) || grants(patientContext, type, access);
    }

    /** Through a {@code user/} scope: not held to the linked patient's compartment. */
    public boolean inUserContext(String type, Access access) {
        return grants(userContext, type, access);
    }

    private static boolean grants(Map<String, Set<Access>> context, String type, Access access) {
        return grants(context.get(type), access) || grants(context.get("*"), access);
    }

    private static boolean grants(Set<Access> granted, Access access) {
        return granted != null && granted.contains(access);
    }

    /**
     * The queries {@code access} to {@code type} is held to: empty when a scope without query grants it (see
     * {@link #allows}) or nothing grants it; else the granting scopes' queries (a resource passes when it meets one),
     * those of {@code user/} scopes when there are any.
     */
    public List<ScopeQuery> restrictions(String type, Access access) {
        if (allows(type, access)) {
            return List.of();
        }
        List<ScopeQuery> user = queries(userQueries, type, access);
        return user.isEmpty() ? queries(patientQueries, type, access) : user;
    }

    /** Whether the {@link #restrictions} of {@code access} to {@code type} are those of {@code user/} scopes. */
    public boolean restrictedInUserContext(String type, Access access) {
        return !allows(type, access) && !queries(userQueries, type, access).isEmpty();
    }

    /** The queries of the {@code user/} granular scopes granting {@code access} to {@code type}, whatever else does. */
    public List<ScopeQuery> userQueries(String type, Access access) {
        return queries(userQueries, type, access);
    }

    /** The queries of the {@code patient/} granular scopes that grant {@code access} to {@code type}. */
    public List<ScopeQuery> patientQueries(String type, Access access) {
        return queries(patientQueries, type, access);
    }

    /** Granted with or without a query, in either context. */
    public boolean grantsAny(String type, Access access) {
        return allows(type, access) || !restrictions(type, access).isEmpty();
    }

    private static List<ScopeQuery> queries(Map<String, Map<Access, List<ScopeQuery>>> context, String type,
                                            Access access) {
        return context.getOrDefault(type, Map.of()).getOrDefault(access, List.of());
    }

    /** Whether any {@code patient/} or {@code user/} scope is present at all, granting or not. */
    public boolean namesAnyResource() {
        return namesAnyResource;
    }

    /**
     * Whether the scope a plan granted when the member linked it lets the proxy forward reads or searches of
     * {@code type}: it grants them, or it names no resource at all (then the plan enforces what it granted).
     */
    public static boolean grantedByPlan(String planScope, String type) {
        SmartScopes granted = parse(planScope);
        return !granted.namesAnyResource() || granted.grantsAny(type, Access.READ)
            || granted.grantsAny(type, Access.SEARCH);
    }
}
