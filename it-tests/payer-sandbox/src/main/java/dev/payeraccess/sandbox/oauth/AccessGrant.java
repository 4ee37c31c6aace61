package dev.payeraccess.sandbox.oauth;

import dev.payeraccess.sandbox.TestMember;
import dev.payeraccess.sandbox.Track;
import java.time.Instant;
import java.util.Set;

/**
 * What a valid access token of the sandbox stands for: one member, on one track, with the scopes the
 * member granted, until it expires.
 */
public record AccessGrant(TestMember member, Track track, Set<String> scopes, Instant expiresAt) {

    public AccessGrant {
        scopes = Set.copyOf(scopes);
    }

    /**
     * Whether the granted scopes allow reading {@code resourceType}: SMART v1 {@code patient/T.read},
     * {@code user/T.read} and their {@code *} forms, and the SMART v2 {@code .r}/{@code .rs} forms.
     */
    public boolean canRead(String resourceType) {
        return scopes.stream().anyMatch(scope -> SmartScope.allowsRead(scope, resourceType));
    }
}
