package dev.payeraccess.broker;

import java.util.Arrays;
import java.util.Optional;

/**
 * How the scope sent on authorize names the FHIR resources. Plans differ: some refuse wildcards and want one
 * scope per resource type, some speak only SMART v1 ({@code .read}), newer ones v2 ({@code .rs}).
 */
public enum ScopeStyle {
    /** The Scopes field exactly as typed. */
    AS_TYPED("as-typed"),
    /** SMART v1 wildcard: {@code patient/*.read}. */
    SMART_V1("smart-v1"),
    /** SMART v1, one scope per allowed resource type: {@code patient/Coverage.read ...}. */
    SMART_V1_GRANULAR("smart-v1-granular"),
    /** SMART v2 wildcard: {@code patient/*.rs}. */
    SMART_V2("smart-v2"),
    /** SMART v2, one scope per allowed resource type: {@code patient/Coverage.rs ...}. */
    SMART_V2_GRANULAR("smart-v2-granular");

    private final String configName;

    ScopeStyle(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<ScopeStyle> byConfigName(String name) {
        return Arrays.stream(values()).filter(s -> s.configName.equals(name)).findFirst();
    }
}
