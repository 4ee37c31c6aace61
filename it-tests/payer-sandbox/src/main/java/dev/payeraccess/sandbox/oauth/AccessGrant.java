package dev.payeraccess.sandbox.oauth;

import dev.payeraccess.sandbox.TestMember;
import dev.payeraccess.sandbox.Track;
import java.time.Instant;
import java.util.Set;

/**
 * What a valid access token of the sandbox stands for: one member, on one track, with the scopes the
 * member granted, until it expires.
 *
 * @param household how much of the member's household the login sees, as at plans where one login covers a family
 */
public record AccessGrant(TestMember member, Track track, Set<String> scopes, Instant expiresAt,
                          Household household) {

    /** What of the member's household a login sees besides the member's own records. */
    public enum Household {
        /** Nothing: the member alone. */
        MEMBER,
        /** The dependents' Patient records. */
        PATIENTS,
        /**
         * The dependents' Patient records, and their coverage and claims, in which the member is subscriber, policy
         * holder and payee.
         */
        RECORDS
    }

    public AccessGrant {
        scopes = Set.copyOf(scopes);
    }

    /** A grant for the member alone. */
    public AccessGrant(TestMember member, Track track, Set<String> scopes, Instant expiresAt) {
        this(member, track, scopes, expiresAt, Household.MEMBER);
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
