package dev.payeraccess.proxy.policy;

import java.util.Set;

/**
 * FHIR's token search, matched by the proxy itself against the codes an element holds (as
 * {@link AnswerFilter#mayReturn(String, String, java.util.Map, java.util.Map)} hands them over): {@code system|code}
 * matches a Coding of that system and code, and a bare {@code code} element (its system is implied by the element);
 * {@code |code} a Coding without system; {@code code} any Coding or code element with that code.
 */
public final class TokenMatch {

    private TokenMatch() {
    }

    /** Whether any of {@code codes} matches the token search value {@code value}. */
    public static boolean matches(String value, Set<String> codes) {
        int bar = value.indexOf('|');
        if (bar < 0) {
            return codes.stream().anyMatch(c -> codeOf(c).equals(value));
        }
        if (bar == 0) {
            return codes.contains(value);
        }
        return codes.contains(value) || codes.contains(value.substring(bar + 1));
    }

    private static String codeOf(String noted) {
        int bar = noted.indexOf('|');
        return bar < 0 ? noted : noted.substring(bar + 1);
    }
}
