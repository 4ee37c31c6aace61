package dev.payeraccess.conformance;

import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.fhir.HapiSearchParameters;
import dev.payeraccess.fhir.R4;
import dev.payeraccess.fhir.SearchParameters;
import dev.payeraccess.plan.PlanCapabilities;
import dev.payeraccess.plan.PlanConnections;
import dev.payeraccess.plan.PlanFetch;
import dev.payeraccess.plan.PlanMetadata;
import dev.payeraccess.plan.SearchProbe;
import dev.payeraccess.plan.SearchsetPage;
import dev.payeraccess.plan.SmartConfiguration;
import dev.payeraccess.plan.SmartDiscovery;
import dev.payeraccess.token.MemberLink;
import dev.payeraccess.token.NoTokenReason;
import dev.payeraccess.token.PlanTokenService;
import dev.payeraccess.token.StoredPlanToken;
import dev.payeraccess.token.TokenOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Tests one plan as it is configured: asks it for its SMART discovery document and its CapabilityStatement and,
 * for a member an administrator names, reads that member's link and the first page of one of their searches; then
 * lets the checks turn what came back into a {@link Scorecard}. Changes nothing but what using the member's link
 * changes anyway (a renewal of an expired token, the binding of a link stored before tokens were bound).
 */
public final class PlanConformance {

    /** However patient the plan's {@code upstreamTimeoutMs} is, an administrator is waiting for the answer. */
    static final int MAX_PROBE_MS = 10_000;

    /** A user and their link to the plan under test, as the link store found it. */
    public record LinkedMember(UserModel user, MemberLink link) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;

    public PlanConformance(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public Scorecard check(PlanIdentityProviderConfig plan, Optional<LinkedMember> member) {
        int timeoutMs = Math.min(plan.upstreamTimeoutMs(), MAX_PROBE_MS);
        String base = plan.fhirBaseUrl().orElseThrow();
        SearchParameters parameters = new HapiSearchParameters(R4.context());
        PlanFetch<SmartConfiguration> discovery = SmartDiscovery.read(session, base, timeoutMs);
        PlanFetch<PlanCapabilities> metadata = PlanMetadata.read(session, base, timeoutMs,
            R4.resourceTypesAmong(plan.allowedResourceTypes()));
        List<Finding> findings = new ArrayList<>(DiscoveryChecks.of(plan, discovery));
        findings.add(HttpsCheck.of(plan, discovery.value(), session.getProvider(PlanConnections.class).targets()));
        findings.addAll(MetadataChecks.of(plan, metadata, parameters));
        findings.addAll(member.map(m -> memberFindings(plan, m, parameters, timeoutMs))
            .orElseGet(() -> MemberLinkChecks.skipped("No member named: add ?user={username} of a user who linked "
                + "this plan to check what their link shows.")));
        return new Scorecard(plan.getAlias(), Instant.now(), findings);
    }

    private List<Finding> memberFindings(PlanIdentityProviderConfig plan, LinkedMember member,
                                         SearchParameters parameters, int timeoutMs) {
        Optional<StoredPlanToken> stored = member.link().readable();
        if (stored.isEmpty()) {
            return MemberLinkChecks.skipped(NoTokenReason.of(member.link(), plan.getAlias()).toAdministrator());
        }
        List<Finding> findings = new ArrayList<>(MemberLinkChecks.of(plan, stored.get()));
        findings.add(paging(plan, member.user(), stored.get(), parameters, timeoutMs));
        return findings;
    }

    /** Sends the member's token only the way the proxy would: to the plan as configured now, renewed if due. */
    private Finding paging(PlanIdentityProviderConfig plan, UserModel user, StoredPlanToken stored,
                           SearchParameters parameters, int timeoutMs) {
        Optional<PagingCheck.Search> search = PagingCheck.search(plan, parameters, stored.patient());
        if (search.isEmpty()) {
            return Finding.skipped(PagingCheck.CHECK, "Neither ExplanationOfBenefit nor Coverage is allowed for this "
                + "plan: no search of the member's to page.");
        }
        if (!plan.isEnabled()) {
            return Finding.skipped(PagingCheck.CHECK, "The plan is disabled: no member's token is sent to it.");
        }
        if (!plan.endpointsConfirmed()) {
            // A renewal would send the refresh token and the client secret to the discovered token endpoint.
            return Finding.skipped(PagingCheck.CHECK, "No member's token is sent to the plan: "
                + PlanIdentityProviderConfig.AWAITING_CONFIRMATION);
        }
        PlanTokenService tokens = new PlanTokenService(session, realm, plan.endpoints(), plan.profile(),
            plan.earlyLinksBinding());
        Optional<StoredPlanToken> bound = tokens.boundToPlan(stored);
        if (bound.isEmpty()) {
            return Finding.skipped(PagingCheck.CHECK, NoTokenReason.planChanged(plan.getAlias()).toAdministrator());
        }
        TokenOutcome outcome = tokens.accessToken(user, bound);
        if (!(outcome instanceof TokenOutcome.Usable usable)) {
            return Finding.skipped(PagingCheck.CHECK, NoTokenReason.of(outcome, plan.getAlias()).toAdministrator());
        }
        PlanFetch<SearchsetPage> page = new SearchProbe(session, plan.endpoints(), timeoutMs)
            .firstPage(search.get().url(), usable.accessToken());
        return PagingCheck.of(plan, search.get().type(), page, stored.patient());
    }
}
