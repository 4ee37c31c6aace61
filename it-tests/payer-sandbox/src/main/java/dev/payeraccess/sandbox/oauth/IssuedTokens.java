package dev.payeraccess.sandbox.oauth;

import java.time.Duration;

/** A token endpoint success: what the response body is built from. */
record IssuedTokens(String accessToken, String refreshToken, Duration expiresIn, MemberConsent consent) {
}
