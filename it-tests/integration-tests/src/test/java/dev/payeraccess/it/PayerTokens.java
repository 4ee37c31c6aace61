package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.launch.KeycloakStack;
import java.util.List;
import java.util.Set;

/** Looks for the actual payer tokens the sandbox issued where none may ever appear. */
final class PayerTokens {

    private PayerTokens() {
    }

    static void assertNoneIn(KeycloakStack stack, String text, String where) {
        Set<String> issued = stack.sandbox().grants().everIssued();
        assertTrue(!issued.isEmpty(), "the sandbox issued no token, so the check would prove nothing");
        List<String> leaked = issued.stream().filter(text::contains).map(t -> t.substring(0, 10) + "...").toList();
        assertTrue(leaked.isEmpty(), leaked.size() + " payer token(s) found in " + where + ": " + leaked);
    }
}
