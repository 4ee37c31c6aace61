package dev.payeraccess.conformance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What one check of a plan found, for its administrator: the result, a sentence that says what was seen and what
 * it means, and the plan settings that would answer it. A detail may name hosts, URLs of the plan and HTTP
 * statuses; never a token, a secret or a member's data.
 *
 * @param check the check's stable name, e.g. {@code pkce-s256}
 * @param suggests plan settings (their config keys, e.g. {@code pkceEnabled}) and the values the finding implies;
 *     empty when nothing the administrator can set would help
 */
public record Finding(String check, Result result, String detail, Map<String, String> suggests) {

    /** How a check came out. */
    public enum Result {
        /** The plan does what its settings expect. */
        PASS,
        /** It works, but not as well as it could, or a setting should change. */
        WARN,
        /** Members or apps will fail with the plan as configured. */
        FAIL,
        /** Nothing to check: an earlier check failed, or the check needs a member link. */
        SKIPPED;

        /** As the scorecard writes it: {@code pass}, {@code warn}, {@code fail}, {@code skipped}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(detail, "detail");
        suggests = Collections.unmodifiableMap(new LinkedHashMap<>(suggests));
    }

    static Finding pass(String check, String detail) {
        return new Finding(check, Result.PASS, detail, Map.of());
    }

    static Finding warn(String check, String detail) {
        return new Finding(check, Result.WARN, detail, Map.of());
    }

    static Finding warn(String check, String detail, String setting, String value) {
        return new Finding(check, Result.WARN, detail, Map.of(setting, value));
    }

    static Finding fail(String check, String detail) {
        return new Finding(check, Result.FAIL, detail, Map.of());
    }

    static Finding fail(String check, String detail, String setting, String value) {
        return new Finding(check, Result.FAIL, detail, Map.of(setting, value));
    }

    static Finding skipped(String check, String detail) {
        return new Finding(check, Result.SKIPPED, detail, Map.of());
    }
}
