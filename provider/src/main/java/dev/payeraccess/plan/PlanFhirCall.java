package dev.payeraccess.plan;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.jboss.logging.Logger;

/**
 * Sends one read to the plan's FHIR API with {@link PlanHttp}'s bounds and a total deadline. A read whose pooled
 * connection turns out to have ended before any byte of the answer arrived is sent once more on a new connection.
 * Knows nothing about scopes or members: it gets a URL and a source of the member's token, and sends the
 * token only where {@link PlanHosts} admits the URL (under the plan's FHIR base or one of its paging hosts),
 * whatever the caller checked before, and only to an address the node's {@link OutboundTargets} allows.
 */
public final class PlanFhirCall {

    private static final Logger LOG = Logger.getLogger(PlanFhirCall.class);

    private final CloseableHttpClient client;
    private final CloseableHttpClient fresh;
    private final OutboundTargets targets;
    private final PlanEndpoints plan;
    private final long deadlineNanos;

    /**
     * @param client the connection pool to use (the proxy has its own, apart from Keycloak's)
     * @param targets where this node may call ({@link PlanConnections#targets()}): checked before each request
     * @param deadlineNanos {@link System#nanoTime()} by which the whole read, its answer included, must end
     */
    public PlanFhirCall(CloseableHttpClient client, OutboundTargets targets, PlanEndpoints plan, long deadlineNanos) {
        this(client, client, targets, plan, deadlineNanos);
    }

    /**
     * @param fresh where a read is sent again when its pooled connection failed before the answer began: a client
     *     that opens a new connection for each request ({@link PlanConnections#fresh()})
     */
    public PlanFhirCall(CloseableHttpClient client, CloseableHttpClient fresh, OutboundTargets targets,
                        PlanEndpoints plan, long deadlineNanos) {
        this.client = client;
        this.fresh = fresh;
        this.targets = targets;
        this.plan = plan;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * Reads {@code url} with the member's token. A 401 from the plan earns one renewal and one retry (the
     * token may have been revoked or expired early); a second 401 is a {@link PlanProblem.Kind#REJECTED_RENEWED_TOKEN}.
     *
     * @param headers the app's headers the plan may see ({@code If-None-Match} and the like), never its token
     * A plan that asks to be left alone (429, or 503 with {@code Retry-After}) is not asked again: that is a
     * {@link PlanProblem.Kind#THROTTLED} or {@link PlanProblem.Kind#TEMPORARILY_UNAVAILABLE} with the wait it asked
     * for.
     *
     * @throws E when the source has no usable token
     * @throws PlanProblem when the URL is not the plan's ({@link PlanProblem.Kind#OUTSIDE_PLAN}, before any token
     *     is looked at), or an address the node does not call ({@link PlanProblem.Kind#TARGET_REFUSED}, likewise),
     *     or the plan cannot be reached, times out, asks to wait or rejects a renewed token
     */
    public <E extends Exception> PlanAnswer read(String url, Map<String, String> headers, AccessTokenSource<E> tokens)
        throws E, PlanProblem {
        if (!PlanHosts.of(plan).admits(url)) {
            throw new PlanProblem(PlanProblem.Kind.OUTSIDE_PLAN, 502, "The health plan was not called.",
                "a read for plan " + plan.alias() + " was not sent: its URL is not under the plan's FHIR base or "
                    + "one of its paging hosts (" + PlanHosts.originOf(url) + ")");
        }
        allowed(url); // before the token is looked up, which may renew it at the plan
        String token = tokens.current();
        PlanAnswer answer = get(url, token, headers);
        if (answer.status() != 401) {
            return answer;
        }
        answer.discard();
        answer = get(url, tokens.renewedAfterRejection(token), headers);
        if (answer.status() == 401) {
            answer.discard();
            throw new PlanProblem(PlanProblem.Kind.REJECTED_RENEWED_TOKEN, 502,
                "The health plan no longer accepts this connection.",
                "plan " + plan.alias() + " rejected a freshly renewed token");
        }
        return answer;
    }

    private PlanAnswer get(String url, String accessToken, Map<String, String> headers) throws PlanProblem {
        ConnectionReuse pooled = new ConnectionReuse();
        try {
            return unlessAskedToWait(new PlanAnswer(client.execute(request(url, accessToken, headers), pooled),
                deadlineNanos));
        } catch (IOException e) {
            if (!pooled.reused() || !WireFailure.beforeAnswer(e)) {
                throw PlanProblem.of(e, "FHIR API", plan);
            }
            // The plan's side ended the pooled connection while it sat idle, or just as the read went out on it (a
            // keep-alive race, not the plan's failure). A read is idempotent: it goes again once, on a new connection.
            // After an answer has begun, a failure is the plan's own and is never repeated.
            LOG.debugf("A read at plan %s met a pooled connection that had ended (%s); sending it on a new one",
                plan.alias(), e.getClass().getSimpleName());
        }
        try {
            return unlessAskedToWait(new PlanAnswer(fresh.execute(request(url, accessToken, headers)), deadlineNanos));
        } catch (IOException e) {
            throw PlanProblem.of(e, "FHIR API", plan);
        }
    }

    /**
     * A GET of {@code url} bounded by the plan's timeout and what is left of the deadline, for a URL the node's
     * {@link OutboundTargets} allows now (each request checks: what a name resolves to may have changed).
     */
    private HttpGet request(String url, String accessToken, Map<String, String> headers) throws PlanProblem {
        allowed(url);
        long remainingMs = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (remainingMs <= 0) {
            throw new PlanProblem(PlanProblem.Kind.TIMEOUT, 504, "The health plan did not answer in time.",
                "no time was left for a read at plan " + plan.alias());
        }
        HttpGet get = new HttpGet(url);
        get.setConfig(PlanHttp.requestConfig((int) Math.min(plan.timeoutMs(), remainingMs)));
        headers.forEach(get::setHeader);
        get.setHeader("Accept", "application/fhir+json");
        get.setHeader("Authorization", "Bearer " + accessToken);
        return get;
    }

    private void allowed(String url) throws PlanProblem {
        try {
            RefusedTarget.unlessAllowed(targets, url);
        } catch (RefusedTarget e) {
            throw PlanProblem.of(e, "FHIR API", plan);
        }
    }

    /** The plan's body of a 429 or 503 is never read: it is neither passed on nor logged. */
    private PlanAnswer unlessAskedToWait(PlanAnswer answer) throws PlanProblem {
        Optional<Duration> wait = RetryAfter.askedBy(answer.status(), answer.header("Retry-After"),
            answer.header("Date"), Instant.now());
        if (wait.isEmpty()) {
            return answer;
        }
        int status = answer.status();
        answer.discard();
        throw PlanProblem.askedToWait(status, wait.get(), "FHIR API", plan);
    }
}
