package dev.payeraccess.token;

import java.util.Optional;

/**
 * What revoking a member's plan tokens on unlink achieved. The link is removed in every case; a plan that
 * could not revoke is reported, never a reason to keep the member linked.
 *
 * @param status {@code revoked}, {@code failed}, {@code not-supported} (the plan had no revocation
 *     endpoint when the token was obtained, or where
 *     the token was obtained is not known) or {@code nothing-stored} (the link held no readable token)
 * @param detail why revocation failed, in the product's words (never the plan's body)
 */
public record RevocationOutcome(String status, Optional<String> detail) {

    public static final RevocationOutcome REVOKED = new RevocationOutcome("revoked", Optional.empty());
    public static final RevocationOutcome NOT_SUPPORTED = new RevocationOutcome("not-supported", Optional.empty());
    public static final RevocationOutcome NOTHING_STORED = new RevocationOutcome("nothing-stored", Optional.empty());

    public static RevocationOutcome failed(String detail) {
        return new RevocationOutcome("failed", Optional.of(detail));
    }
}
