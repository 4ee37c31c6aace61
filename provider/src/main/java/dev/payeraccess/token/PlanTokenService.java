package dev.payeraccess.token;

import dev.payeraccess.plan.PlanEndpoints;
import dev.payeraccess.plan.PlanProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.jboss.logging.Logger;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Hands the proxy a usable access token for a member's link to a plan, renewing it when it expired, is
 * about to, or the plan just rejected it, and only ever for the plan configuration the token was obtained
 * for (its {@link TokenBinding}, or the plan's recorded one for a link stored before tokens were bound).
 *
 * <p>Every change to a stored token is a single flight across the cluster: the first request that needs
 * it runs {@link RenewalFlight} through Keycloak's {@link ClusterProvider}, every other request for the same
 * link (on any node) waits for it and then reads the link from the database. The flight commits before it
 * ends, so a waiter never reads a half-written link. A refresh the plan refuses clears the stored tokens:
 * the link stays (the member still sees the plan) but is {@code relink-required}, and no usable token is
 * left behind. A renewal that fails for a reason that says nothing about the grant (the plan failed, could not be
 * reached, or took too long) leaves the link as it was, and the read sends the stored token while the plan still
 * takes it ({@link RenewalFallback}).
 */
public final class PlanTokenService {

    private static final Logger LOG = Logger.getLogger(PlanTokenService.class);
    /**
     * How soon a waiting request first looks at the link in case the flight's end was not signalled to it;
     * each look waits twice as long as the one before, up to {@link #MAX_POLL_MILLIS}, so waiters do not
     * hammer the database while a slow plan answers.
     */
    private static final long FIRST_POLL_MILLIS = 100;
    private static final long MAX_POLL_MILLIS = 2_000;
    /**
     * Keycloak caches links on each node and tells the other nodes of a change asynchronously, apart from the signal
     * that a flight ended: a flight that ended on another node may be signalled here before its renewed link is. A
     * link that still shows the old token is read again this often, for this long, before it counts as not renewed.
     */
    private static final long SETTLE_POLL_MILLIS = 50;
    private static final Duration SETTLE = Duration.ofMillis(1_500);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PlanEndpoints plan;
    private final PlanProfile profile;
    private final TokenBinding binding;
    private final Optional<TokenBinding> earlyLinks;
    private final StoredLinks links;

    /**
     * @param plan the plan as configured now: tokens obtained for anything else are never sent
     * @param profile how the plan's refresh tokens and authorization period behave
     * @param earlyLinks what the plan recorded that links stored before tokens were bound belong to (see
     *     {@link StoredPlanToken#orBoundTo}); empty when it recorded nothing
     */
    public PlanTokenService(KeycloakSession session, RealmModel realm, PlanEndpoints plan, PlanProfile profile,
                            Optional<TokenBinding> earlyLinks) {
        this(session, realm, plan, profile, TokenBinding.of(plan), earlyLinks);
    }

    /** As above, with the plan's binding as the caller already worked it out ({@link TokenBinding#of}). */
    public PlanTokenService(KeycloakSession session, RealmModel realm, PlanEndpoints plan, PlanProfile profile,
                            TokenBinding binding, Optional<TokenBinding> earlyLinks) {
        this.session = session;
        this.realm = realm;
        this.plan = plan;
        this.profile = profile;
        this.binding = binding;
        this.earlyLinks = earlyLinks;
        this.links = new StoredLinks(session.getKeycloakSessionFactory(), realm.getId(), plan, earlyLinks, profile);
    }

    /**
     * The stored token when it may be sent to the plan as configured now; empty when an administrator
     * changed the plan's endpoints or client since the token was obtained: the member must link the plan
     * again, and nothing of the old grant is sent anywhere.
     *
     * <p>A link stored before tokens were bound belongs to the plan's settings as recorded once, when the
     * extension first started after the upgrade: while the plan still has them, members need not relink after
     * the upgrade; once it was re-pointed, or when the plan recorded nothing, such a link is relink-required like
     * any other link obtained for other settings. Its first renewal stores it bound.
     *
     * @param stored what the caller just read from the user's link
     */
    public Optional<StoredPlanToken> boundToPlan(StoredPlanToken stored) {
        return Optional.of(stored.orBoundTo(earlyLinks)).filter(bound -> bound.usableWith(binding));
    }

    /**
     * @param stored what the caller just read from the user's link
     * @return the access token to send to the plan, renewed first when needed, or why there is none
     */
    public TokenOutcome accessToken(UserModel user, Optional<StoredPlanToken> stored) {
        Optional<StoredPlanToken> usable = stored.flatMap(this::boundToPlan);
        switch (TokenState.of(usable, Instant.now(), profile)) {
            case ACTIVE:
                return new TokenOutcome.Usable(usable.get().accessToken());
            case REFRESHABLE:
                return renew(user.getId(), usable.get().accessToken(), Optional.empty());
            default:
                return new TokenOutcome.RelinkRequired(usable
                    .flatMap(s -> s.authorizationEndsAt(profile.maxAuthorization()))
                    .filter(end -> !end.isAfter(Instant.now())));
        }
    }

    /**
     * After the plan answered 401 to {@code rejected}: renews once (or waits for the renewal another
     * request started) and returns the new token, or why there is none.
     */
    public TokenOutcome renewAfterRejection(UserModel user, String rejected) {
        return renew(user.getId(), rejected, Optional.of(rejected));
    }

    /**
     * Renews the member's link ahead of its refresh token's lapse, in the link's single flight (or waits for the one
     * another request runs on any node), for the background renewal. A link renewed meanwhile, so no longer due by
     * {@code dueBy}, is left as it is. Rotated refresh tokens are kept, and a refused renewal clears the link, as on
     * demand.
     *
     * @return the token the link holds afterwards, or why there is none or the renewal did not end
     */
    public TokenOutcome renewAhead(UserModel user, Instant dueBy) {
        Optional<StoredPlanToken> before = links.find(user.getId()).usable();
        if (before.isEmpty()) {
            return new TokenOutcome.RelinkRequired();
        }
        String held = before.get().accessToken();
        Flight flight = fly(user.getId(), Optional.empty(), Optional.of(dueBy),
            now -> now.isEmpty() || !now.get().accessToken().equals(held));
        Optional<TokenOutcome> unrenewed = unrenewed(flight);
        if (unrenewed.isPresent()) {
            return unrenewed.get();
        }
        return links.find(user.getId()).usable().<TokenOutcome>map(t -> new TokenOutcome.Usable(t.accessToken()))
            .orElseGet(TokenOutcome.RelinkRequired::new);
    }

    /**
     * Renews (or waits for the renewal another request runs), and when that leaves no newer token while the grant is
     * untouched, falls back on the token the link holds if the plan still takes it ({@link RenewalFallback}).
     */
    private TokenOutcome renew(String userId, String stale, Optional<String> rejected) {
        TokenOutcome outcome = renewal(userId, stale, rejected);
        if (!RenewalFallback.grantUntouched(outcome)) {
            return outcome;
        }
        Optional<String> stillValid = RenewalFallback.stillValid(links.find(userId).usable(),
            rejected, profile, Instant.now());
        if (stillValid.isPresent()) {
            LOG.debugf("A member's token at plan %s was not renewed; the read uses the one the link holds, still valid",
                plan.alias());
            return new TokenOutcome.Usable(stillValid.get());
        }
        return outcome instanceof TokenOutcome.RenewalUnsettled ? settled(userId, stale).orElse(outcome) : outcome;
    }

    /** What a flight that stored no newer token amounts to: it timed out, failed, or the plan refused a fresh token. */
    private Optional<TokenOutcome> unrenewed(Flight flight) {
        if (!flight.ended()) {
            return Optional.of(new TokenOutcome.RenewalTimedOut(flightSeconds()));
        }
        if (flight.task().failure().isPresent()) {
            return Optional.of(new TokenOutcome.RenewalFailed(flight.task().failure().get()));
        }
        return flight.task().refusedWhileFresh() ? Optional.of(new TokenOutcome.RejectedWhileFresh())
            : Optional.empty();
    }

    private TokenOutcome renewal(String userId, String stale, Optional<String> rejected) {
        Flight flight = fly(userId, rejected, now -> now.isEmpty() || !now.get().accessToken().equals(stale));
        Optional<TokenOutcome> unrenewed = unrenewed(flight);
        if (unrenewed.isPresent()) {
            return unrenewed.get();
        }
        Optional<StoredPlanToken> renewed = links.find(userId).usable();
        if (renewed.isEmpty()) {
            return new TokenOutcome.RelinkRequired();
        }
        if (renewed.get().accessToken().equals(stale) || !unexpired(renewed.get(), Instant.now())) {
            return new TokenOutcome.RenewalUnsettled();
        }
        return new TokenOutcome.Usable(renewed.get().accessToken());
    }

    /**
     * A token a renewal just stored is sent while it has not expired, inside the refresh margin too: with plan tokens
     * living seconds, a busy node may take longer than that margin between the plan's answer and the read.
     */
    private boolean unexpired(StoredPlanToken renewed, Instant now) {
        return TokenState.of(Optional.of(renewed), now, profile) != TokenState.RELINK_REQUIRED
            && renewed.expiresAt().map(now::isBefore).orElse(true);
    }

    /**
     * The renewed token, when a flight that ended elsewhere left the link here showing {@code stale} for a moment:
     * the link is read again for up to {@link #SETTLE}.
     */
    private Optional<TokenOutcome> settled(String userId, String stale) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(SETTLE_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            Optional<StoredPlanToken> now = links.find(userId).usable();
            if (now.isEmpty() || !now.get().accessToken().equals(stale)) {
                return now.filter(renewed -> unexpired(renewed, Instant.now()))
                    .map(renewed -> new TokenOutcome.Usable(renewed.accessToken()));
            }
        }
        return Optional.empty();
    }

    /** @param ended whether the flight ended (here or on another node) before its deadline */
    private record Flight(RenewalFlight task, boolean ended) {
    }

    /**
     * Runs the link's flight here, or waits for the one another request (on any node) runs.
     *
     * @param settled whether the link as read now shows that the flight this request waits for is done
     */
    private Flight fly(String userId, Optional<String> rejected, Predicate<Optional<StoredPlanToken>> settled) {
        return fly(userId, rejected, Optional.empty(), settled);
    }

    /**
     * {@link #fly(String, Optional, Predicate)}, for a renewal ahead of a refresh token's lapse too.
     *
     * @param dueBy renew a still fresh token when the link is due by then, see {@link RenewalFlight}
     * @param settled whether the link as read now shows that the flight this request waits for is done
     */
    private Flight fly(String userId, Optional<String> rejected, Optional<Instant> dueBy,
                       Predicate<Optional<StoredPlanToken>> settled) {
        RenewalFlight task = new RenewalFlight(links, userId, plan, profile, rejected, dueBy,
            Duration.ofSeconds(flightSeconds()));
        Future<Boolean> flight = session.getProvider(ClusterProvider.class).executeIfNotExecutedAsync(
            flightKey(realm.getId(), userId, plan.alias()), flightSeconds(), () -> {
                task.run();
                return true;
            });
        return new Flight(task, await(flight, userId, settled));
    }

    private boolean await(Future<Boolean> flight, String userId, Predicate<Optional<StoredPlanToken>> settled) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(flightSeconds());
        long poll = FIRST_POLL_MILLIS;
        while (System.nanoTime() < deadline) {
            try {
                flight.get(poll, TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException stillRunning) {
                if (settled.test(links.find(userId).readable())) {
                    return true;
                }
                poll = Math.min(poll * 2, MAX_POLL_MILLIS);
            } catch (ExecutionException e) {
                LOG.warnf("Renewing the token of a link to plan %s failed: %s", plan.alias(),
                    e.getCause().getClass().getName());
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return false;
    }

    private int flightSeconds() {
        return plan.timeoutMs() / 1000 + 10;
    }

    private static String flightKey(String realmId, String userId, String alias) {
        return "payer-access.refresh::" + realmId + "::" + userId + "::" + alias;
    }
}
