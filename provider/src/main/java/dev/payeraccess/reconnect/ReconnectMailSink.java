package dev.payeraccess.reconnect;

import dev.payeraccess.directory.PlanPickerPage;
import dev.payeraccess.lifecycle.LifecycleChange;
import dev.payeraccess.lifecycle.LifecycleSink;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.FreeMarkerException;
import org.keycloak.theme.Theme;
import org.keycloak.theme.freemarker.FreeMarkerProvider;

/**
 * Lifecycle sink {@code reconnect-email}: e-mails a member whose link needs reconnecting ({@link ReconnectMail}),
 * through the realm's own SMTP settings, with the realm's e-mail theme when it has the template
 * ({@code html/} and {@code text/payer-access-reconnect.ftl}), else the {@code payer-access} e-mail theme's. Only for
 * realms with an SMTP host and members with an e-mail address; the mail is rendered in the change's transaction and
 * handed to the {@link ReconnectMailer} once that transaction commits, so a change that rolls back sends nothing and
 * neither a read nor a renewal round waits for the mail server.
 */
final class ReconnectMailSink implements LifecycleSink {

    private static final Logger LOG = Logger.getLogger(ReconnectMailSink.class);

    private final KeycloakSession session;
    private final ReconnectMailer mailer;

    ReconnectMailSink(KeycloakSession session, ReconnectMailer mailer) {
        this.session = session;
        this.mailer = mailer;
    }

    @Override
    public void accept(RealmModel realm, LifecycleChange change) {
        Map<String, String> smtp = realm.getSmtpConfig();
        if (smtp == null || Optional.ofNullable(smtp.get("host")).filter(h -> !h.isBlank()).isEmpty()) {
            return;
        }
        Optional<UserModel> user = change.userId().map(id -> session.users().getUserById(realm, id));
        Optional<String> address = user.map(UserModel::getEmail).filter(email -> !email.isBlank());
        if (address.isEmpty()) {
            return;
        }
        ReconnectMail.of(change, realmName(realm), locale(realm, user.get()), Instant.now())
            .ifPresent(mail -> render(realm, mail).ifPresent(bodies -> afterCommit(realm, address.get(), mail,
                bodies)));
    }

    private void afterCommit(RealmModel realm, String address, ReconnectMail mail, String[] bodies) {
        String realmId = realm.getId();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                mailer.send(realmId, address, mail.subject(), bodies[0], bodies[1]);
            }

            @Override
            protected void rollbackImpl() {
                // the change did not happen: nothing to tell the member
            }
        });
    }

    /** The text and the HTML body; empty (and a warning) when the templates cannot be rendered. */
    private Optional<String[]> render(RealmModel realm, ReconnectMail mail) {
        try {
            Theme theme = theme(realm);
            FreeMarkerProvider freeMarker = session.getProvider(FreeMarkerProvider.class);
            // Keycloak's FreeMarker provider adds its own entries to a Map model: each template gets a copy.
            return Optional.of(new String[] {
                freeMarker.processTemplate(new HashMap<>(mail.model()), "text/" + ReconnectMail.TEMPLATE, theme),
                freeMarker.processTemplate(new HashMap<>(mail.model()), "html/" + ReconnectMail.TEMPLATE, theme)});
        } catch (IOException | FreeMarkerException | RuntimeException e) {
            // A mail that cannot be written never fails the link change it tells of.
            LOG.warnf("The reconnect e-mail of realm %s could not be rendered (%s); none is sent", realm.getName(),
                e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** The realm's e-mail theme when it has the template (an organization's own wording), else ours. */
    private Theme theme(RealmModel realm) throws IOException {
        if (realm.getEmailTheme() != null && !realm.getEmailTheme().isBlank()) {
            Theme own = session.theme().getTheme(realm.getEmailTheme(), Theme.Type.EMAIL);
            if (own.getTemplate("html/" + ReconnectMail.TEMPLATE) != null) {
                return own;
            }
        }
        return session.theme().getTheme(PlanPickerPage.THEME, Theme.Type.EMAIL);
    }

    private static String realmName(RealmModel realm) {
        return realm.getDisplayName() == null || realm.getDisplayName().isBlank() ? realm.getName()
            : realm.getDisplayName();
    }

    /** The member's chosen locale, else the realm's default, else English: no request to resolve one from. */
    private static Locale locale(RealmModel realm, UserModel user) {
        return Optional.ofNullable(user.getFirstAttribute(UserModel.LOCALE))
            .or(() -> Optional.ofNullable(realm.getDefaultLocale())).filter(tag -> !tag.isBlank())
            .map(Locale::forLanguageTag).orElse(Locale.ENGLISH);
    }

    @Override
    public void close() {
    }
}
