package dev.payeraccess.webhooks;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.util.EntityUtils;
import org.jboss.logging.Logger;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The delivery round: every pending message that is due, each claimed before it is sent ({@link DeliveryLease}), so
 * two nodes never send the same message at once, and a message whose node died is sent by the next. Each message
 * takes three short steps, none holding a database transaction across the receiver's answer: claim it and sign it;
 * POST it; save the outcome (delivered, retried later, or failed and the subscription disabled).
 *
 * <p>Deliveries go through Keycloak's outgoing HTTP client ({@code connectionsHttpClient}: truststore, proxies),
 * never follow a redirect, and give up after the timeout (connecting, waiting and reading together).
 */
final class WebhookDeliveries {

    private static final Logger LOG = Logger.getLogger(WebhookDeliveries.class);
    /** The most messages one round sends; the rest wait for the next round. */
    static final int BATCH = 100;
    /** Delivered and failed messages stay in the delivery log this long. */
    static final Duration LOG_RETENTION = Duration.ofDays(7);

    /** This node's id in claims: new at every start, so a restarted node never mistakes an old claim for its own. */
    private final String node = UUID.randomUUID().toString();
    private final Duration timeout;

    WebhookDeliveries(Duration timeout) {
        this.timeout = timeout;
    }

    /** One round; a failure of the database (e.g. while the node shuts down) ends it, to be tried next round. */
    void round(KeycloakSessionFactory factory) {
        try {
            deliverDue(factory);
        } catch (RuntimeException e) {
            LOG.warnf("A webhook delivery round ended early: %s", e.getClass().getName());
        }
    }

    private void deliverDue(KeycloakSessionFactory factory) {
        Instant now = Instant.now();
        List<String> due = KeycloakModelUtils.runJobInTransactionWithResult(factory,
            session -> new ArrayList<>(store(session).due(now, BATCH)));
        for (String id : due) {
            try {
                deliver(factory, id);
            } catch (RuntimeException e) {
                LOG.warnf("Delivering webhook message %s failed: %s", id, e.getClass().getName());
            }
        }
        KeycloakModelUtils.runJobInTransaction(factory, session -> store(session).forget(now.minus(LOG_RETENTION)));
    }

    private void deliver(KeycloakSessionFactory factory, String id) {
        Optional<Prepared> prepared = KeycloakModelUtils.runJobInTransactionWithResult(factory,
            session -> prepare(session, id));
        if (prepared.isEmpty()) {
            return;
        }
        DeliveryAttempt attempt = prepared.get().secrets().isEmpty()
            ? DeliveryAttempt.failed("the subscription's secret does not open; rotate it")
            : KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> send(session, prepared.get()));
        KeycloakModelUtils.runJobInTransaction(factory, session -> finish(session, prepared.get(), attempt));
    }

    /** Claims the message and reads what sending it needs; empty when another node holds it or it is done. */
    private Optional<Prepared> prepare(KeycloakSession session, String id) {
        Instant now = Instant.now();
        Optional<OutboxMessage> claimed = store(session).claim(id, DeliveryLease.take(node, now, timeout), now);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        OutboxMessage message = claimed.get();
        RealmModel realm = session.realms().getRealm(message.realmId());
        Optional<Subscription> subscription = realm == null ? Optional.empty()
            : store(session).subscription(realm.getId(), message.subscriptionId());
        if (subscription.isEmpty()) {
            return Optional.empty(); // removed with its realm or by an administrator meanwhile
        }
        session.getContext().setRealm(realm);
        List<WebhookSecret> secrets = new ArrayList<>();
        try {
            SecretCipher cipher = new SecretCipher(session, realm);
            secrets.add(cipher.decrypt(subscription.get().secret()));
            subscription.get().previousSecretAt(now).map(cipher::decrypt).ifPresent(secrets::add);
        } catch (IllegalStateException e) {
            LOG.warnf("Webhook subscription %s: %s", subscription.get().id(), e.getMessage());
            secrets.clear();
        }
        return Optional.of(new Prepared(message, URI.create(subscription.get().url()), List.copyOf(secrets)));
    }

    /** Signs and POSTs the message, in a session that touches no database. */
    private DeliveryAttempt send(KeycloakSession session, Prepared prepared) {
        try {
            ReceiverAddress.checkBeforeConnecting(session, prepared.url());
        } catch (IllegalStateException refused) {
            return DeliveryAttempt.failed("refused by the outbound-target policy: " + refused.getMessage());
        }
        OutboxMessage message = prepared.message();
        long timestamp = Instant.now().getEpochSecond();
        HttpPost post = new HttpPost(prepared.url());
        int millis = (int) timeout.toMillis();
        post.setConfig(RequestConfig.custom().setRedirectsEnabled(false).setConnectTimeout(millis)
            .setConnectionRequestTimeout(millis).setSocketTimeout(millis).build());
        post.setHeader("webhook-id", message.id());
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature", WebhookSignature.header(prepared.secrets(), message.id(), timestamp,
            message.body()));
        post.setEntity(new StringEntity(message.body(),
            ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        // A receiver that trickles its answer would keep the socket timeout from ever firing: the whole exchange
        // is cut off after the timeout.
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(post::abort,
            CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        try (CloseableHttpResponse response = session.getProvider(HttpClientProvider.class).getHttpClient()
            .execute(post)) {
            EntityUtils.consumeQuietly(response.getEntity());
            return DeliveryAttempt.answered(response.getStatusLine().getStatusCode());
        } catch (InterruptedIOException e) {
            // Apache HttpClient's connect and read timeouts
            return DeliveryAttempt.failed("timed out after " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            return DeliveryAttempt.failed(post.isAborted() ? "timed out after " + timeout.toSeconds() + " s"
                : "could not connect or send: " + e.getClass().getSimpleName());
        } finally {
            deadline.cancel(false);
        }
    }

    private void finish(KeycloakSession session, Prepared prepared, DeliveryAttempt attempt) {
        Instant now = Instant.now();
        OutboxMessage message = prepared.message();
        DeliveryVerdict verdict = attempt.verdict();
        Optional<Duration> retry = verdict == DeliveryVerdict.RETRY
            ? RetrySchedule.afterFailures(message.attempts() + 1) : Optional.empty();
        OutboxMessage.Status status = verdict == DeliveryVerdict.DELIVERED ? OutboxMessage.Status.DELIVERED
            : retry.isPresent() ? OutboxMessage.Status.PENDING : OutboxMessage.Status.FAILED;
        OutboxMessage after = message.attempted(now, status, retry.map(now::plus).orElse(now), attempt.status(),
            attempt.error());
        if (!store(session).finish(after, node) || status != OutboxMessage.Status.FAILED) {
            return;
        }
        String reason = verdict == DeliveryVerdict.GONE ? "the receiver answered 410 Gone at " + now
            : "deliveries failed for more than a day; the last at " + now + ": " + attempt.error().orElse("failed");
        RealmModel realm = session.realms().getRealm(message.realmId());
        store(session).subscription(message.realmId(), message.subscriptionId()).filter(Subscription::enabled)
            .ifPresent(subscription -> {
                Subscription disabled = subscription.disabled(reason);
                store(session).update(disabled);
                SubscriptionNotice.disabled(session, realm, disabled);
            });
    }

    private static WebhookStore store(KeycloakSession session) {
        return session.getProvider(WebhookStore.class);
    }

    /** A claimed message, where it goes and the secrets it is signed with (none when they do not open). */
    private record Prepared(OutboxMessage message, URI url, List<WebhookSecret> secrets) {
    }
}
