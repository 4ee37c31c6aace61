package dev.payeraccess.directory;

import dev.payeraccess.api.PublicUrls;
import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.broker.RealmPlans;
import dev.payeraccess.health.PlanHealthMonitor;
import dev.payeraccess.health.PlanStatus;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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
 *
 * <p>A realm whose plans fit one page of the directory lists them all and the page's script filters them as the
 * member types. A larger realm lists one page, and the search goes to the server: the script asks this page again
 * with {@code name}, and without the script the search box is a form that does the same.
 */
public final class PlanPickerPage {

    /** The theme packed into the extension JAR. */
    public static final String THEME = "payer-access";

    /**
     * @param authorizationParameters what the app would send to the authorization endpoint: at least
     *     {@code client_id} and {@code redirect_uri}; also {@code state}, PKCE and {@code scope} when given
     * @param name the member's search, as typed
     * @param query the page of the directory to show: the search's, a page in size
     */
    public record Request(Map<String, String> authorizationParameters, String name, DirectoryQuery query) {

        public Request {
            authorizationParameters = Collections.unmodifiableMap(new LinkedHashMap<>(authorizationParameters));
            name = name == null ? "" : name.trim();
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;

    public PlanPickerPage(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public String render(Request request) throws IOException, FreeMarkerException {
        Theme theme = session.theme().getTheme(THEME, Theme.Type.LOGIN);
        List<PlanIdentityProviderConfig> all = RealmPlans.enabledPlans(session);
        DirectorySearch.Page<PlanIdentityProviderConfig> page = DirectorySearch.page(all, PlanDirectory::listing,
            request.query());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", "Connect your health plan");
        model.put("intro", "Choose your health plan. It will ask you to confirm who you are, then share your "
            + "claims and coverage with this app. You can disconnect it at any time.");
        model.put("searchLabel", "Find your plan");
        model.put("searchPlaceholder", "Plan name");
        model.put("searchButton", "Search");
        model.put("noMatch", "No plan matches your search.");
        model.put("noPlans", "No health plan is set up yet. Please ask the organization's administrator.");
        model.put("planDown", "This plan is not answering right now. Please try again later.");
        model.put("resourcesPath", Urls.themeRoot(session.getContext().getUri().getBaseUri()).getPath() + "/login/"
            + THEME);
        model.put("anyPlans", !all.isEmpty());
        // More plans than one page: the list is a page of the server's search, not every plan to filter.
        model.put("serverSearch", String.valueOf(all.size() > request.query().count()));
        model.put("name", request.name());
        model.put("appParameters", request.authorizationParameters());
        model.put("plans", page.plans().stream().map(plan -> entry(plan, request)).toList());
        model.putAll(more(request, page.next()));
        return session.getProvider(FreeMarkerProvider.class).processTemplate(model, "plan-picker.ftl", theme);
    }

    /** The sentence under a page that is not the search's last, and its link to the next page. */
    private static Map<String, String> more(Request request, Optional<DirectoryCursor> next) {
        return Map.of("more", next.isPresent() ? "There are more plans. Type more of your plan's name, or " : "",
            "moreLabel", "see the next plans", "moreUrl", next.map(after -> pageUrl(request, after)).orElse(""));
    }

    /** The next page of this search, relative to the picker's own URL. */
    private static String pageUrl(Request request, DirectoryCursor next) {
        Map<String, String> parameters = new LinkedHashMap<>(request.authorizationParameters());
        Optional.of(request.name()).filter(name -> !name.isEmpty())
            .ifPresent(name -> parameters.put(DirectoryQuery.NAME, name));
        parameters.put(DirectoryQuery.AFTER, next.token());
        return "?" + parameters.entrySet().stream().map(parameter -> encode(parameter.getKey()) + "="
            + encode(parameter.getValue())).collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private Map<String, String> entry(PlanIdentityProviderConfig plan, Request request) {
        String name = RealmPlans.displayName(plan);
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("alias", plan.getAlias());
        entry.put("displayName", name);
        entry.put("initial", name.substring(0, 1).toUpperCase(Locale.ROOT));
        entry.put("description", plan.planDescription().orElse(""));
        // What the script's filter matches the member's words against: the server's match, folded the same way.
        entry.put("search", DirectoryQuery.fold(name + " " + plan.getAlias() + " "
            + plan.planDescription().orElse("")));
        entry.put("logoUrl", plan.logoUrl().orElse(""));
        entry.put("linkUrl", new PublicUrls(session).link(plan.getAlias(), request.authorizationParameters()));
        // A plan whose last probe found it down is shown greyed out, not as a link that would fail at the plan.
        entry.put("down", String.valueOf(session.getProvider(PlanHealthMonitor.class).health(realm, plan.getAlias())
            .map(h -> h.status() == PlanStatus.DOWN).orElse(false)));
        return entry;
    }
}
