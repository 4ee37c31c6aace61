package dev.payeraccess.directory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of the directory ended: the last plan's place in the directory's order (its folded display name,
 * then its alias), so the next page starts right after it even when plans were added, renamed or removed in between
 * (an offset would skip or repeat plans then). Opaque to callers, who take it from a {@code next} link. Pure.
 */
public record DirectoryCursor(String foldedName, String alias) {

    /** Keycloak allows no line break in an alias, so the last one separates the two. */
    private static final char SEPARATOR = '\n';

    public String token() {
        return Base64.getUrlEncoder().withoutPadding()
            .encodeToString((foldedName + SEPARATOR + alias).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the text is no cursor of this directory */
    static DirectoryCursor parse(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
            int separator = text.lastIndexOf(SEPARATOR);
            if (separator >= 0 && separator < text.length() - 1) {
                return new DirectoryCursor(text.substring(0, separator), text.substring(separator + 1));
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new IllegalArgumentException(DirectoryQuery.AFTER + " is not a place in this directory: follow the "
            + "next link of the previous page as it is.");
    }
}
