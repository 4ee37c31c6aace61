package dev.payeraccess.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.api.PublicUrls;
import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.broker.RealmPlans;
import dev.payeraccess.health.PlanHealth;
import dev.payeraccess.health.PlanHealthMonitor;
import dev.payeraccess.health.PlanStatus;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The realm's enabled health plans as the public directory shows them: what an app or the plan picker
 * needs to present a plan, and nothing an attacker could use (no client id, secret or endpoint of the
 * plan's authorization server).
 */
public final class PlanDirectory {

    private final KeycloakSession session;
    private final RealmModel realm;

    public PlanDirectory(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The page of enabled plans the query asks for, in the directory's order ({@link DirectorySearch}). */
    public DirectorySearch.Page<PlanIdentityProviderConfig> page(DirectoryQuery query) {
        return DirectorySearch.page(RealmPlans.enabledPlans(session), PlanDirectory::listing, query);
    }

    /** {@code payers?name=…&_count=…&after=…}: the page after {@code page} of the same search. */
    public String next(DirectoryQuery query, DirectoryCursor after) {
        UriBuilder url = UriBuilder.fromUri(new PublicUrls(session).payers());
        query.name().ifPresent(name -> url.queryParam(DirectoryQuery.NAME, "{name}"));
        url.queryParam(DirectoryQuery.COUNT, query.count()).queryParam(DirectoryQuery.AFTER, after.token());
        return query.name().map(name -> url.build(name)).orElseGet(url::build).toString();
    }

    /** What a member finds a plan by: its name, alias and description. */
    public static DirectorySearch.Listing listing(PlanIdentityProviderConfig plan) {
        return new DirectorySearch.Listing(plan.getAlias(), RealmPlans.displayName(plan),
            plan.planDescription().orElse(""));
    }

    /** One object per plan, in the order given: {@code alias}, {@code displayName}, {@code logoUrl},
     * {@code description}, {@code fhirBase} (this proxy's base for the plan), {@code planFhirBase},
     * {@code resourceTypes}, {@code status} ({@code state}: up, degraded, down or unknown, and {@code since}). */
    public ArrayNode toJson(List<PlanIdentityProviderConfig> page, ObjectMapper json) {
        ArrayNode plans = json.createArrayNode();
        page.forEach(plan -> plans.add(describe(plan, json)));
        return plans;
    }

    private ObjectNode describe(PlanIdentityProviderConfig plan, ObjectMapper json) {
        ObjectNode node = json.createObjectNode()
            .put("alias", plan.getAlias())
            .put("displayName", RealmPlans.displayName(plan));
        plan.logoUrl().ifPresent(url -> node.put("logoUrl", url));
        plan.planDescription().ifPresent(text -> node.put("description", text));
        node.put("fhirBase", new PublicUrls(session).fhirBase(plan.getAlias()));
        plan.fhirBaseUrl().ifPresent(url -> node.put("planFhirBase", url));
        plan.allowedResourceTypes().forEach(node.putArray("resourceTypes")::add);
        // The state and since when, never what failed: that is for administrators (the admin API has it).
        Optional<PlanHealth> health = session.getProvider(PlanHealthMonitor.class).health(realm, plan.getAlias());
        ObjectNode status = node.putObject("status")
            .put("state", health.map(h -> h.status().wireName()).orElse(PlanStatus.UNKNOWN.wireName()));
        health.ifPresent(h -> status.put("since", h.since().toString()));
        return node;
    }
}
