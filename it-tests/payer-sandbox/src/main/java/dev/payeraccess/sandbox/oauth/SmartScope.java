package dev.payeraccess.sandbox.oauth;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SMART App Launch resource scopes as the sandbox understands them (v1 {@code .read}, v2 {@code .r}/{@code .rs}). */
public final class SmartScope {

    private static final Pattern RESOURCE_SCOPE =
        Pattern.compile("(patient|user|system)/(\\*|[A-Z][A-Za-z]+)\\.(read|\\*|c?r?u?d?s?)");

    private SmartScope() {
    }

    public static boolean isResourceScope(String scope) {
        Matcher m = RESOURCE_SCOPE.matcher(scope);
        return m.matches() && !m.group(3).isEmpty();
    }

    public static boolean allowsRead(String scope, String resourceType) {
        Matcher m = RESOURCE_SCOPE.matcher(scope);
        if (!m.matches()) {
            return false;
        }
        boolean typeMatches = m.group(2).equals("*") || m.group(2).equals(resourceType);
        String permissions = m.group(3);
        boolean reads = permissions.equals("read") || permissions.equals("*") || permissions.contains("r");
        return typeMatches && reads;
    }
}
