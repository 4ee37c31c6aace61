package dev.payeraccess.sandbox.oauth;

import dev.payeraccess.sandbox.TestMember;
import dev.payeraccess.sandbox.Track;
import java.time.Instant;
import java.util.Set;

/**
 * What a valid access token of the sandbox stands for: one member, on one track, with the scopes the
 * member granted, until it expires.
 *
 * @param includesDependents whether the login also sees the Patient records of the member's dependents, as at
 *     plans where one login covers a household
 */
public record AccessGrant(TestMember member, Track track, Set<String> scopes, Instant expiresAt,
                          boolean includesDependents) {

    public AccessGrant {
        scopes = Set.copyOf(scopes);
    }

    /** A grant for the member alone. */
    public AccessGrant(TestMember member, Track track, Set<String> scopes, Instant expiresAt) {
        this(member, track, scopes, expiresAt, false);
    }

    /** Whether the granted scopes allow reading a {@code resourceType} by id (SMART v1 {@code .read}, v2 {@code r}). */
    public boolean canRead(String resourceType) {
        return scopes.stream().anyMatch(scope -> SmartScope.allowsRead(scope, resourceType));
    }

    /** Whether the granted scopes allow searching {@code resourceType} (SMART v1 {@code .read}, v2 {@code s}). */
    public boolean canSearch(String resourceType) {
        return scopes.stream().anyMatch(scope -> SmartScope.allowsSearch(scope, resourceType));
    }

    /** Whether records of {@code resourceType} may reach the caller at all, read or found by a search. */
    public boolean canSee(String resourceType) {
        return canRead(resourceType) || canSearch(resourceType);
    }
}
