package dev.payeraccess.reconnect;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Sends the reconnect e-mails of this node, one at a time on a thread of its own, each through Keycloak's
 * {@link EmailSenderProvider} with the realm's SMTP settings as they are when it is sent (a vault reference in them is
 * resolved as for Keycloak's own mails). A mail that fails is logged and not tried again: the member is also asked
 * at sign-in, and the app hears of the change through its webhooks. At most {@value #MAX_WAITING} mails wait their
 * turn; one more is not sent (logged), so a burst of changes cannot fill the node's memory. Logs name the realm, never
 * the member.
 */
final class ReconnectMailer {

    private static final Logger LOG = Logger.getLogger(ReconnectMailer.class);
    static final int MAX_WAITING = 1000;

    private final KeycloakSessionFactory factory;
    private final ExecutorService thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(MAX_WAITING), runnable -> {
            Thread named = new Thread(runnable, "payer-access-reconnect-mail");
            named.setDaemon(true);
            return named;
        });

    ReconnectMailer(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    void send(String realmId, String address, String subject, String text, String html) {
        try {
            thread.execute(() -> sendNow(realmId, address, subject, text, html));
        } catch (RejectedExecutionException full) {
            LOG.warnf("A reconnect e-mail of realm %s is not sent: %d are waiting already, or the node is stopping",
                realmId, MAX_WAITING);
        }
    }

    private void sendNow(String realmId, String address, String subject, String text, String html) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                if (realm == null) {
                    return;
                }
                session.getContext().setRealm(realm);
                try {
                    session.getProvider(EmailSenderProvider.class).send(realm.getSmtpConfig(), address, subject, text,
                        html);
                } catch (EmailException e) {
                    throw new IllegalStateException(e.getClass().getSimpleName(), e);
                }
            });
        } catch (RuntimeException e) {
            // The cause may carry the SMTP server's answer, which can name the address: only its type is logged.
            LOG.warnf("A reconnect e-mail of realm %s could not be sent (%s)", realmId,
                e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName());
        }
    }

    void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
