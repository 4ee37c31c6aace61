package dev.payeraccess.reconnect;

import dev.payeraccess.linkschedule.LinkSchedule;
import dev.payeraccess.reconnect.ReconnectDue.Reconnect;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.theme.FreeMarkerException;

/**
 * "Reconnect your health plan": at sign-in, a member with a link that needs reconnecting sees those plans with
 * "Reconnect" and "Later". The trigger runs at every sign-in of the realm, so it reads the member's rows of the link
 * schedule only (one indexed query) and is added to this sign-in only, never stored on the user. "Later" sets a
 * user attribute and lets the member in; "Reconnect" hands over to Keycloak's own application-initiated linking
 * ({@code idp_link}) with the same plan, as {@code kc_action=idp_link:{alias}} would.
 */
public final class ReconnectPrompt implements RequiredActionProvider {

    /** The user attribute holding when the prompt may be shown again (epoch milliseconds). */
    public static final String LATER_ATTRIBUTE = "payer-access.reconnect-later";
    // Keycloak's client notes for a requested action and its parameter (Constants.KC_ACTION...), which its
    // required-action loop reads after each action; idp_link takes the plan's alias (Keycloak 26.3 and later).
    static final String KC_ACTION = "kc_action";
    static final String KC_ACTION_PARAMETER = "kc_action_parameter";
    static final String IDP_LINK = "idp_link";

    private static final Logger LOG = Logger.getLogger(ReconnectPrompt.class);

    private final ReconnectDue due;
    private final Duration later;

    ReconnectPrompt(ReconnectDue due, Duration later) {
        this.due = due;
        this.later = later;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (IDP_LINK.equals(authSession.getClientNote(KC_ACTION))) {
            return; // the member is linking a plan already
        }
        if (!due(context, postponedUntil(context.getUser())).isEmpty()) {
            authSession.addRequiredAction(ReconnectPromptFactory.PROVIDER_ID);
        }
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        List<Reconnect> links = due(context, Optional.empty());
        if (links.isEmpty()) {
            context.success();
            return;
        }
        challenge(context, links);
    }

    @Override
    public void processAction(RequiredActionContext context) {
        String choice = context.getHttpRequest().getDecodedFormParameters().getFirst("choice");
        if ("later".equals(choice)) {
            context.getUser().setSingleAttribute(LATER_ATTRIBUTE,
                String.valueOf(Instant.now().plus(later).toEpochMilli()));
            context.success();
            return;
        }
        List<Reconnect> links = due(context, Optional.empty());
        Optional<Reconnect> chosen = links.stream()
            .filter(link -> ("reconnect:" + link.alias()).equals(choice)).findFirst();
        if (chosen.isEmpty()) {
            challenge(context, links);
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.setClientNote(KC_ACTION, IDP_LINK);
        authSession.setClientNote(KC_ACTION_PARAMETER, chosen.get().alias());
        context.success();
    }

    private List<Reconnect> due(RequiredActionContext context, Optional<Instant> postponedUntil) {
        return due.due(context.getSession().getProvider(LinkSchedule.class)
            .ofUser(context.getRealm().getId(), context.getUser().getId()), Instant.now(), postponedUntil);
    }

    private void challenge(RequiredActionContext context, List<Reconnect> links) {
        try {
            String html = new ReconnectPage(context.getSession(), context.getUser()).render(links,
                context.getActionUrl().toString());
            context.challenge(Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store").build());
        } catch (IOException | FreeMarkerException e) {
            // A page that cannot be shown never blocks sign-in: the member is let in and asked next time.
            LOG.warnf("The reconnect prompt could not be shown (%s); the member signs in without it",
                e.getClass().getSimpleName());
            context.success();
        }
    }

    private static Optional<Instant> postponedUntil(UserModel user) {
        try {
            return Optional.ofNullable(user.getFirstAttribute(LATER_ATTRIBUTE)).map(Long::parseLong)
                .map(Instant::ofEpochMilli);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
    }
}
