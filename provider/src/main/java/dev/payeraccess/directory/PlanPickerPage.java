package dev.payeraccess.directory;

import dev.payeraccess.api.PublicUrls;
import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.broker.RealmPlans;
import dev.payeraccess.health.PlanHealthMonitor;
import dev.payeraccess.health.PlanStatus;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.Urls;
import org.keycloak.theme.FreeMarkerException;
import org.keycloak.theme.Theme;
import org.keycloak.theme.freemarker.FreeMarkerProvider;

/**
 * The searchable health-plan picker an app sends a signed-in (or not yet signed-in) member to. Each plan
 * links to Keycloak's application-initiated linking ({@code kc_action=idp_link:{alias}}) for the app, so
 * Keycloak signs the member in if needed, asks to confirm, and sends them to the plan. Rendered with the
 * {@code payer-access} login theme's {@code plan-picker.ftl} whatever theme the realm uses.
 */
public final class PlanPickerPage {

    /** The theme packed into the extension JAR. */
    public static final String THEME = "payer-access";

    /**
     * @param authorizationParameters what the app would send to the authorization endpoint: at least
     *     {@code client_id} and {@code redirect_uri}; also {@code state}, PKCE and {@code scope} when given
     */
    public record Request(Map<String, String> authorizationParameters) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;

    public PlanPickerPage(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public String render(Request request) throws IOException, FreeMarkerException {
        Theme theme = session.theme().getTheme(THEME, Theme.Type.LOGIN);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", "Connect your health plan");
        model.put("intro", "Choose your health plan. It will ask you to confirm who you are, then share your "
            + "claims and coverage with this app. You can disconnect it at any time.");
        model.put("searchLabel", "Find your plan");
        model.put("searchPlaceholder", "Plan name");
        model.put("noMatch", "No plan matches your search.");
        model.put("noPlans", "No health plan is set up yet. Please ask the organization's administrator.");
        model.put("planDown", "This plan is not answering right now. Please try again later.");
        model.put("resourcesPath", Urls.themeRoot(session.getContext().getUri().getBaseUri()).getPath() + "/login/"
            + THEME);
        model.put("plans", plans(request));
        return session.getProvider(FreeMarkerProvider.class).processTemplate(model, "plan-picker.ftl", theme);
    }

    private List<Map<String, String>> plans(Request request) {
        return RealmPlans.enabledPlans(session).stream().map(plan -> entry(plan, request)).toList();
    }

    private Map<String, String> entry(PlanIdentityProviderConfig plan, Request request) {
        String name = RealmPlans.displayName(plan);
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("alias", plan.getAlias());
        entry.put("displayName", name);
        entry.put("initial", name.substring(0, 1).toUpperCase(Locale.ROOT));
        entry.put("description", plan.planDescription().orElse(""));
        entry.put("logoUrl", plan.logoUrl().orElse(""));
        entry.put("linkUrl", new PublicUrls(session).link(plan.getAlias(), request.authorizationParameters()));
        // A plan whose last probe found it down is shown greyed out, not as a link that would fail at the plan.
        entry.put("down", String.valueOf(session.getProvider(PlanHealthMonitor.class).health(realm, plan.getAlias())
            .map(h -> h.status() == PlanStatus.DOWN).orElse(false)));
        return entry;
    }
}
