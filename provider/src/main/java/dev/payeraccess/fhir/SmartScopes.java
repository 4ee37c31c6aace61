package dev.payeraccess.fhir;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resource access a set of SMART App Launch scopes grants, for {@code patient/} and {@code user/}
 * contexts: v1 ({@code patient/Coverage.read}, {@code user/*.read}, {@code .*}) and v2 ({@code .rs},
 * {@code .r}, {@code .s}, {@code .cruds}). Scopes that grant no read ({@code .write}, {@code .c}), other
 * scopes ({@code openid}, {@code launch/patient}) and v2 scopes narrowed by a query
 * ({@code patient/Observation.rs?category=...}) grant nothing here: the proxy cannot enforce the query,
 * so it does not pretend to.
 */
public final class SmartScopes {

    private static final Pattern RESOURCE_SCOPE =
        Pattern.compile("^(patient|user)/(\\*|[A-Z][A-Za-z]{1,63})\\.(read|write|\\*|c?r?u?d?s?)$");

    /** What {@code patient/} scopes grant, by type ({@code *} for all). */
    private final Map<String, Set<Access>> patientContext;
    /** What {@code user/} scopes grant: whatever the user may see, which at a plan can include dependents. */
    private final Map<String, Set<Access>> userContext;
    private final boolean namesAnyResource;

    private SmartScopes(Map<String, Set<Access>> patientContext, Map<String, Set<Access>> userContext,
                        boolean namesAnyResource) {
        this.patientContext = patientContext;
        this.userContext = userContext;
        this.namesAnyResource = namesAnyResource;
    }

    public static SmartScopes parse(String scope) {
        return parse(scope == null ? Set.of() : Set.of(scope.trim().split("\\s+")));
    }

    public static SmartScopes parse(Collection<String> scopes) {
        Map<String, Set<Access>> patientContext = new HashMap<>();
        Map<String, Set<Access>> userContext = new HashMap<>();
        boolean namesAnyResource = false;
        for (String scope : scopes) {
            if (scope.startsWith("patient/") || scope.startsWith("user/")) {
                namesAnyResource = true;
            }
            Matcher m = RESOURCE_SCOPE.matcher(scope);
            if (m.matches()) {
                Map<String, Set<Access>> context = m.group(1).equals("user") ? userContext : patientContext;
                context.computeIfAbsent(m.group(2), t -> EnumSet.noneOf(Access.class)).addAll(accessOf(m.group(3)));
            }
        }
        return new SmartScopes(patientContext, userContext, namesAnyResource);
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
        return !granted.namesAnyResource() || granted.allows(type, Access.READ) || granted.allows(type, Access.SEARCH);
    }
}
