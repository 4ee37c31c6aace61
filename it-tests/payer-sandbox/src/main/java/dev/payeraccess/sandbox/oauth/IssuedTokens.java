package dev.payeraccess.sandbox.oauth;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A token endpoint success: what the response body is built from.
 *
 * @param refreshToken empty when the plan issues no refresh tokens ({@code SandboxControls#refreshTokensIssued})
 * @param grantEndsAt when the grant ends, at plans that end grants ({@code SandboxControls#grantLifetime})
 */
record IssuedTokens(String accessToken, Optional<String> refreshToken, Duration expiresIn, MemberConsent consent,
                    Optional<Instant> grantEndsAt) {
}
