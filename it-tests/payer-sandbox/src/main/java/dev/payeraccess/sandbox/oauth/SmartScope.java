package dev.payeraccess.sandbox.oauth;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SMART App Launch resource scopes as the sandbox understands them: v1 {@code patient/T.read} (read and
 * search), v1 {@code patient/T.*}, and v2 permission letters {@code c r u d s} in that order, where
 * {@code r} allows reading an instance by id and {@code s} searching the type. {@code T} may be {@code *}.
 */
public final class SmartScope {

    private static final Pattern RESOURCE_SCOPE =
        Pattern.compile("(patient|user|system)/(\\*|[A-Z][A-Za-z]+)\\.(read|\\*|c?r?u?d?s?)");

    private record Parsed(String type, String permissions) {

        boolean covers(String resourceType) {
            return type.equals("*") || type.equals(resourceType);
        }

        /** v1's {@code read} and {@code *} allow both reading and searching. */
        boolean allows(char v2Permission) {
            return permissions.equals("read") || permissions.equals("*") || permissions.indexOf(v2Permission) >= 0;
        }
    }

    private SmartScope() {
    }

    public static boolean isResourceScope(String scope) {
        return parse(scope).isPresent();
    }

    /** {@code patient/*.read}, {@code user/*.rs}, {@code patient/*.*} and the like: every type at once. */
    public static boolean isWildcard(String scope) {
        return parse(scope).filter(p -> p.type().equals("*")).isPresent();
    }

    /** Whether the scope allows reading one {@code resourceType} by id (v1 {@code .read}, v2 {@code r}). */
    public static boolean allowsRead(String scope, String resourceType) {
        return parse(scope).filter(p -> p.covers(resourceType) && p.allows('r')).isPresent();
    }

    /** Whether the scope allows searching {@code resourceType} (v1 {@code .read}, v2 {@code s}). */
    public static boolean allowsSearch(String scope, String resourceType) {
        return parse(scope).filter(p -> p.covers(resourceType) && p.allows('s')).isPresent();
    }

    private static Optional<Parsed> parse(String scope) {
        Matcher m = RESOURCE_SCOPE.matcher(scope);
        if (!m.matches() || m.group(3).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(m.group(2), m.group(3)));
    }
}
