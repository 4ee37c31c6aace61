package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.launch.KeycloakStack;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Looks for the actual payer tokens the sandbox issued where none may ever appear. */
final class PayerTokens {

    /** How the sandbox's access and refresh tokens begin ({@code sbx_at_}, {@code sbx_rt_}). */
    private static final String PREFIX = "sbx_";

    private PayerTokens() {
    }

    /** {@code text} holds no payer token, and the sandbox has issued some, so the check proves something. */
    static void assertNoneIn(KeycloakStack stack, String text, String where) {
        assertFalse(stack.sandbox().grants().everIssued().isEmpty(),
            "the sandbox issued no token, so the check would prove nothing");
        assertNoneLeakedInto(stack, text, where);
    }

    /** {@code text} holds none of the tokens the sandbox issued so far, if it issued any. */
    static void assertNoneLeakedInto(KeycloakStack stack, String text, String where) {
        List<String> leaked = foundIn(stack.sandbox().grants().everIssued(), text).stream()
            .map(t -> t.substring(0, 10) + "...").toList();
        assertTrue(leaked.isEmpty(), leaked.size() + " payer token(s) found in " + where + ": " + leaked);
    }

    /**
     * The tokens of {@code issued} that {@code text} holds. One pass over the text, looking up what follows each
     * {@value #PREFIX}: a run issues thousands of tokens and the log is checked after every test, so one
     * {@code contains} per token would cost seconds each time.
     */
    private static Set<String> foundIn(Set<String> issued, String text) {
        Set<Integer> lengths = issued.stream().map(String::length).collect(Collectors.toSet());
        Set<String> found = new TreeSet<>();
        for (int at = text.indexOf(PREFIX); at >= 0; at = text.indexOf(PREFIX, at + 1)) {
            for (int length : lengths) {
                if (at + length <= text.length() && issued.contains(text.substring(at, at + length))) {
                    found.add(text.substring(at, at + length));
                }
            }
        }
        issued.stream().filter(t -> !t.startsWith(PREFIX)).filter(text::contains).forEach(found::add);
        return found;
    }
}
