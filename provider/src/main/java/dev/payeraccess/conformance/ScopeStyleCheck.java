package dev.payeraccess.conformance;

import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.broker.ScopeStyle;
import dev.payeraccess.plan.SmartConfiguration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The scopes linking asks for, against what the plan's discovery document hints: SMART's {@code permission-v1} and
 * {@code permission-v2} capabilities (which scope syntax it takes) and {@code scopes_supported} (whether it lists
 * wildcard resource scopes such as {@code patient/*.read}, or only one scope per type).
 */
final class ScopeStyleCheck {

    static final String CHECK = "scope-style";

    private static final Pattern RESOURCE_SCOPE = Pattern.compile("^(patient|user|system)/[^.]+\\..+$");
    private static final Pattern V1 = Pattern.compile("^(patient|user|system)/[^.]+\\.(read|write|\\*)$");
    private static final Pattern WILDCARD = Pattern.compile("^(patient|user|system)/\\*\\..+$");

    private enum Version { V1, V2 }

    private ScopeStyleCheck() {
    }

    /**
     * @param requested the scope linking sends on authorize (the plan's Scopes as its scope style builds them)
     */
    static Finding of(String requested, ScopeStyle style, SmartConfiguration smart) {
        List<String> asked = resourceScopes(Arrays.asList(requested.trim().split("\\s+")));
        if (asked.isEmpty()) {
            return Finding.skipped(CHECK, "Linking asks for no resource scope (" + shown(requested) + ").");
        }
        List<String> permissions = smart.capabilities().stream().filter(c -> c.startsWith("permission-v")).toList();
        List<String> listed = resourceScopes(smart.scopesSupported());
        if (permissions.isEmpty() && listed.isEmpty()) {
            return Finding.skipped(CHECK, "The plan's discovery document hints at no scope syntax: neither the "
                + "capabilities permission-v1 or permission-v2 nor resource scopes in scopes_supported.");
        }
        Version askedVersion = asked.stream().allMatch(s -> V1.matcher(s).matches()) ? Version.V1 : Version.V2;
        Optional<Version> onlyOther = onlyOtherVersion(askedVersion, smart.capabilities());
        boolean wildcardsUnlisted = asked.stream().anyMatch(s -> WILDCARD.matcher(s).matches()) && !listed.isEmpty()
            && listed.stream().noneMatch(s -> WILDCARD.matcher(s).matches());
        if (onlyOther.isEmpty() && !wildcardsUnlisted) {
            return Finding.pass(CHECK, "Linking asks for " + String.join(" ", asked) + ", which the plan's discovery "
                + "document allows" + (permissions.isEmpty() ? "." : " (" + String.join(", ", permissions) + ")."));
        }
        List<String> reasons = new ArrayList<>();
        onlyOther.ifPresent(v -> reasons.add("the plan's capabilities list only permission-" + name(v)
            + " and linking asks for SMART " + name(askedVersion) + " scopes"));
        if (wildcardsUnlisted) {
            reasons.add("the plan's scopes_supported lists resource scopes but no wildcard such as patient/*.read");
        }
        boolean granular = wildcardsUnlisted || style == ScopeStyle.SMART_V1_GRANULAR
            || style == ScopeStyle.SMART_V2_GRANULAR;
        return Finding.warn(CHECK, "Linking asks for " + String.join(" ", asked) + ", but "
            + String.join(", and ", reasons) + ": the plan may answer invalid_scope.",
            PlanIdentityProviderConfig.SCOPE_STYLE,
            "smart-" + name(onlyOther.orElse(askedVersion)) + (granular ? "-granular" : ""));
    }

    /** The other SMART version, when the plan's capabilities name it and not the one asked for. */
    private static Optional<Version> onlyOtherVersion(Version asked, List<String> capabilities) {
        boolean v1 = capabilities.contains("permission-v1");
        boolean v2 = capabilities.contains("permission-v2");
        if (asked == Version.V1 && v2 && !v1) {
            return Optional.of(Version.V2);
        }
        return asked == Version.V2 && v1 && !v2 ? Optional.of(Version.V1) : Optional.empty();
    }

    private static String name(Version version) {
        return version == Version.V1 ? "v1" : "v2";
    }

    private static List<String> resourceScopes(List<String> scopes) {
        return scopes.stream().filter(s -> RESOURCE_SCOPE.matcher(s).matches()).toList();
    }

    private static String shown(String requested) {
        return requested.isBlank() ? "no scope at all" : requested.trim();
    }
}
