package dev.payeraccess.reconnect;

import dev.payeraccess.broker.RealmPlans;
import dev.payeraccess.directory.PlanPickerPage;
import dev.payeraccess.reconnect.ReconnectDue.Reconnect;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.services.Urls;
import org.keycloak.theme.FreeMarkerException;
import org.keycloak.theme.Theme;
import org.keycloak.theme.freemarker.FreeMarkerProvider;

/**
 * The prompt's page: each plan to reconnect and why, in the member's words, with "Reconnect" and "Later". Rendered
 * with the {@code payer-access} login theme's {@code reconnect.ftl} (styled like the plan picker) whatever theme the
 * realm uses; the form posts back to the required action.
 */
final class ReconnectPage {

    private final KeycloakSession session;
    private final Locale locale;

    ReconnectPage(KeycloakSession session, UserModel user) {
        this.session = session;
        this.locale = session.getContext().resolveLocale(user);
    }

    String render(List<Reconnect> links, String actionUrl) throws IOException, FreeMarkerException {
        Theme theme = session.theme().getTheme(PlanPickerPage.THEME, Theme.Type.LOGIN);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", "Reconnect your health plan");
        model.put("intro", "Your apps can keep reading your claims and coverage only while your health plan is "
            + "connected. Connect again now, or choose Later to be asked another time.");
        model.put("reconnect", "Reconnect");
        model.put("later", "Later");
        model.put("actionUrl", actionUrl);
        model.put("resourcesPath", Urls.themeRoot(session.getContext().getUri().getBaseUri()).getPath() + "/login/"
            + PlanPickerPage.THEME);
        model.put("plans", links.stream().map(this::entry).toList());
        return session.getProvider(FreeMarkerProvider.class).processTemplate(model, "reconnect.ftl", theme);
    }

    private Map<String, String> entry(Reconnect link) {
        String name = RealmPlans.byAlias(session, link.alias()).map(RealmPlans::displayName).orElse(link.alias());
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("alias", link.alias());
        entry.put("displayName", name);
        entry.put("initial", name.substring(0, 1).toUpperCase(Locale.ROOT));
        entry.put("why", why(link, name));
        return entry;
    }

    private String why(Reconnect link, String name) {
        if (link.why() == ReconnectDue.Why.PLAN_ASKED) {
            return name + " asked you to connect again.";
        }
        Instant end = link.endsAt().orElseThrow();
        String date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
            .withZone(ZoneOffset.UTC).format(end);
        return end.isAfter(Instant.now()) ? "Your connection ends on " + date + "."
            : "Your connection ended on " + date + ".";
    }
}
