package dev.payeraccess.sandbox.oauth;

import dev.payeraccess.sandbox.TestMember;
import dev.payeraccess.sandbox.control.SandboxControls;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The authorization server's memory: pending verifications, codes, and the token families they turn
 * into. A family is everything issued from one code (its access tokens and the rotating refresh
 * token), the grant the member approved; revoking any member of it, or replaying its code, revokes all of
 * it, and at plans that limit the authorization period ({@link SandboxControls#grantLifetime()}) all of it
 * ends together.
 */
public final class Grants implements AccessTokens {

    /** The seeds: "This authorization code expires in 5 minutes." */
    static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    static final Duration VERIFICATION_LIFETIME = Duration.ofMinutes(30);

    private final Clock clock;
    private final SandboxControls controls;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentMap<String, PendingAuthorization> pending = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, IssuedCode> codes = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, IssuedAccessToken> accessTokens = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, IssuedRefreshToken> refreshTokens = new ConcurrentHashMap<>();
    private final Set<Family> families = ConcurrentHashMap.newKeySet();
    /** Every access and refresh token ever issued, so tests can look for them where they must not be. */
    private final Set<String> everIssued = ConcurrentHashMap.newKeySet();

    private static final class Family {
        final MemberConsent consent;
        final Instant grantedAt;
        final AtomicBoolean revoked = new AtomicBoolean();

        Family(MemberConsent consent, Instant grantedAt) {
            this.consent = consent;
            this.grantedAt = grantedAt;
        }
    }

    private record IssuedCode(MemberConsent consent, String redirectUri, Optional<String> codeChallenge,
                              Instant expiresAt, AtomicBoolean redeemed, AtomicReference<Family> family) {
    }

    private record IssuedAccessToken(Family family, Instant expiresAt) {
    }

    private record IssuedRefreshToken(Family family, Instant issuedAt) {
    }

    public Grants(Clock clock, SandboxControls controls) {
        this.clock = clock;
        this.controls = controls;
    }

    PendingAuthorization hold(AuthorizationRequest request) {
        PendingAuthorization held = new PendingAuthorization(newSecret("req_"), request,
            clock.instant().plus(VERIFICATION_LIFETIME));
        pending.put(held.id(), held);
        return held;
    }

    Optional<PendingAuthorization> pending(String id) {
        PendingAuthorization held = id == null ? null : pending.get(id);
        if (held == null || held.expiresAt().isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(held);
    }

    void forget(PendingAuthorization held) {
        pending.remove(held.id());
    }

    String issueCode(MemberConsent consent, String redirectUri, Optional<String> codeChallenge) {
        String code = newSecret("sbx_code_");
        codes.put(code, new IssuedCode(consent, redirectUri, codeChallenge, clock.instant().plus(CODE_LIFETIME),
            new AtomicBoolean(), new AtomicReference<>()));
        return code;
    }

    IssuedTokens redeemCode(RegisteredClient client, String code, Optional<String> redirectUri,
                            Optional<String> codeVerifier) throws OAuthError {
        IssuedCode issued = code == null ? null : codes.get(code);
        if (issued == null || !issued.consent().client().clientId().equals(client.clientId())) {
            throw OAuthError.invalidGrant("The authorization code is unknown or was issued to another client.");
        }
        if (!issued.redeemed().compareAndSet(false, true)) {
            // RFC 6749 10.5: a replayed code may mean it was stolen, so what it produced is revoked.
            Optional.ofNullable(issued.family().get()).ifPresent(f -> f.revoked.set(true));
            throw OAuthError.invalidGrant("The authorization code was already used; the tokens it issued are revoked.");
        }
        if (issued.expiresAt().isBefore(clock.instant())) {
            throw OAuthError.invalidGrant("The authorization code expired (codes live 5 minutes).");
        }
        if (redirectUri.isPresent() && !redirectUri.get().equals(issued.redirectUri())) {
            throw OAuthError.invalidGrant("redirect_uri does not match the one sent to the authorization endpoint.");
        }
        checkVerifier(issued, codeVerifier);
        Family family = new Family(issued.consent(), clock.instant());
        families.add(family);
        issued.family().set(family);
        return issueTokens(family);
    }

    private static void checkVerifier(IssuedCode issued, Optional<String> codeVerifier) throws OAuthError {
        if (issued.codeChallenge().isEmpty()) {
            return;
        }
        if (codeVerifier.isEmpty()) {
            throw OAuthError.invalidGrant("code_verifier is required: the authorization request carried a "
                + "code_challenge.");
        }
        if (!Pkce.verifies(issued.codeChallenge().get(), codeVerifier.get())) {
            throw OAuthError.invalidGrant("code_verifier does not match the code_challenge (S256).");
        }
    }

    IssuedTokens refresh(RegisteredClient client, String refreshToken) throws OAuthError {
        IssuedRefreshToken issued = refreshToken == null ? null : refreshTokens.get(refreshToken);
        Family family = issued == null ? null : issued.family();
        if (family == null || family.revoked.get()
            || !family.consent.client().clientId().equals(client.clientId())) {
            throw OAuthError.invalidGrant("The refresh token is unknown, revoked or was issued to another client.");
        }
        if (lapsed(issued)) {
            throw OAuthError.invalidGrant("The refresh token lapsed: it was not used for "
                + spoken(controls.refreshTokenIdleLifetime().orElse(Duration.ZERO)) + ". Ask the member to connect "
                + "again.");
        }
        if (controls.refusesRefreshes()) {
            throw OAuthError.invalidGrant("The member's authorization is no longer valid; ask them to connect again.");
        }
        if (hasEnded(family)) {
            throw OAuthError.invalidGrant("The member's authorization period ended: this plan ends a grant "
                + spoken(controls.grantLifetime().orElse(Duration.ZERO))
                + " after the member approved it. Ask the member to connect again.");
        }
        // Rotation: a refresh token works once (one-time refresh tokens, as at CMS Blue Button 2.0). Losing the
        // race means another request already rotated it.
        if (refreshTokens.remove(refreshToken) == null) {
            throw OAuthError.invalidGrant("The refresh token was already used.");
        }
        return issueTokens(family);
    }

    /** Access tokens live {@link SandboxControls#accessTokenLifetime()}, but never past the end of their grant. */
    private IssuedTokens issueTokens(Family family) {
        Instant now = clock.instant();
        Instant expiresAt = earliest(now.plus(controls.accessTokenLifetime()), endOf(family));
        String access = newSecret("sbx_at_");
        accessTokens.put(access, new IssuedAccessToken(family, expiresAt));
        everIssued.add(access);
        return new IssuedTokens(access, issueRefreshToken(family), Duration.between(now, expiresAt), family.consent,
            endOf(family));
    }

    /** A new one-time refresh token of {@code family}, unless the plan issues none. */
    private Optional<String> issueRefreshToken(Family family) {
        if (!controls.refreshTokensIssued()) {
            return Optional.empty();
        }
        String refresh = newSecret("sbx_rt_");
        refreshTokens.put(refresh, new IssuedRefreshToken(family, clock.instant()));
        everIssued.add(refresh);
        return Optional.of(refresh);
    }

    /** RFC 7009: revokes the family of an access or refresh token of this client; unknown tokens are ignored. */
    void revoke(RegisteredClient client, String token) {
        Family family = Optional.ofNullable(refreshTokens.get(token)).map(IssuedRefreshToken::family)
            .or(() -> Optional.ofNullable(accessTokens.get(token)).map(IssuedAccessToken::family))
            .orElse(null);
        if (family != null && family.consent.client().clientId().equals(client.clientId())) {
            family.revoked.set(true);
        }
    }

    /** An app the member has a live grant with: its client id and when the member first approved it. */
    public record ConnectedApp(String clientId, Instant since) {
    }

    /** The apps {@code member} has a live grant with (neither revoked nor ended), each once, in client id order. */
    public List<ConnectedApp> connectedApps(TestMember member) {
        Map<String, Instant> since = new TreeMap<>();
        families.stream().filter(f -> f.consent.member().equals(member) && !f.revoked.get() && !hasEnded(f))
            .forEach(f -> since.merge(f.consent.client().clientId(), f.grantedAt,
                (a, b) -> a.isBefore(b) ? a : b));
        return since.entrySet().stream().map(e -> new ConnectedApp(e.getKey(), e.getValue())).toList();
    }

    /**
     * The plan ends every grant {@code member} gave {@code clientId}, as a plan's member portal does when the member
     * disconnects an app there (or the plan withdraws the app's access): its tokens stop working at once and its
     * refresh tokens are answered {@code invalid_grant}. The app is not told; it finds out at its next call.
     *
     * @return how many grants ended
     */
    public int revokeMember(TestMember member, String clientId) {
        int ended = 0;
        for (Family family : families) {
            if (family.consent.member().equals(member) && family.consent.client().clientId().equals(clientId)
                && family.revoked.compareAndSet(false, true)) {
                ended++;
            }
        }
        return ended;
    }

    /** Every access and refresh token issued since the sandbox started, revoked and rotated ones included. */
    public Set<String> everIssued() {
        return Set.copyOf(everIssued);
    }

    /** Revokes every token issued so far, as if the plan reset all members' authorizations. */
    public void revokeAll() {
        families.forEach(f -> f.revoked.set(true));
    }

    /** Whether a token (access or refresh) is still usable; for tests that check revocation took effect. */
    public boolean isActive(String token) {
        IssuedRefreshToken viaRefresh = refreshTokens.get(token);
        if (viaRefresh != null) {
            return !viaRefresh.family().revoked.get() && !hasEnded(viaRefresh.family()) && !lapsed(viaRefresh);
        }
        return lookup(token).isPresent();
    }

    @Override
    public Optional<AccessGrant> lookup(String accessToken) {
        IssuedAccessToken issued = accessToken == null ? null : accessTokens.get(accessToken);
        if (issued == null || issued.family().revoked.get() || hasEnded(issued.family())
            || !issued.expiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        MemberConsent consent = issued.family().consent;
        return Optional.of(new AccessGrant(consent.member(), consent.track(), Set.copyOf(consent.scopes()),
            earliest(issued.expiresAt(), endOf(issued.family())), household()));
    }

    /** Read from the controls on every use, as the switches apply to tokens already issued. */
    private AccessGrant.Household household() {
        if (!controls.severalPatientsPerLogin()) {
            return AccessGrant.Household.MEMBER;
        }
        return controls.dependentsRecords() ? AccessGrant.Household.RECORDS : AccessGrant.Household.PATIENTS;
    }

    /**
     * When the member's authorization period ends, at plans that limit it. Read from the controls on every
     * use, so a limit set after the member connected applies to the grant already issued.
     */
    private Optional<Instant> endOf(Family family) {
        return controls.grantLifetime().map(family.grantedAt::plus);
    }

    /** Whether a refresh token went unused for longer than the plan's idle lifetime, read on every use. */
    private boolean lapsed(IssuedRefreshToken issued) {
        return controls.refreshTokenIdleLifetime()
            .filter(idle -> !issued.issuedAt().plus(idle).isAfter(clock.instant())).isPresent();
    }

    private boolean hasEnded(Family family) {
        return endOf(family).filter(end -> !end.isAfter(clock.instant())).isPresent();
    }

    private static Instant earliest(Instant instant, Optional<Instant> other) {
        return other.filter(o -> o.isBefore(instant)).orElse(instant);
    }

    /** A lifetime as a description says it: "396 days", "2 hours", "5 seconds". */
    private static String spoken(Duration lifetime) {
        long seconds = lifetime.toSeconds();
        if (seconds % 86_400 == 0) {
            return plural(seconds / 86_400, "day");
        }
        if (seconds % 3_600 == 0) {
            return plural(seconds / 3_600, "hour");
        }
        return plural(seconds, "second");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    private String newSecret(String prefix) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
