package dev.payeraccess.proxy.paging;

import dev.payeraccess.api.BearerCaller;
import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.plan.PagingMode;
import dev.payeraccess.plan.PlanEndpoints;
import dev.payeraccess.plan.PlanHosts;
import dev.payeraccess.plan.PlanProfile;
import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.Interaction;
import dev.payeraccess.proxy.request.PageParameters;
import dev.payeraccess.proxy.request.SearchParameter;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyStatus;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The pages of one plan's searches as one caller sees them: the page links the proxy hands out (granted to this
 * user and plan for an hour, spelled as {@link PageLinkGrammar} says, see {@link PageLinks} and
 * {@link PagingHostLinks}), checked when the caller follows them, and the Bundle links of an answer as the plan's
 * paging settings say.
 */
public final class CallerPages {

    private static final Logger LOG = Logger.getLogger(CallerPages.class);

    private final PlanEndpoints plan;
    private final PlanProfile profile;
    private final String proxyBase;
    private final PageLinks pages;
    private final PagingHostLinks hostPages;
    private final PageLinkGrammar grammar;

    CallerPages(PlanEndpoints plan, PlanProfile profile, String proxyBase, PageLinkGrammar grammar) {
        this.plan = plan;
        this.profile = profile;
        this.proxyBase = proxyBase;
        this.grammar = grammar;
        this.pages = new PageLinks(grammar);
        this.hostPages = new PagingHostLinks(grammar, PlanHosts.of(plan), proxyBase);
    }

    /**
     * Grants signed with keys derived from the realm's HMAC keys (Keycloak's {@code hmac-generated} provider), active
     * first, expiring by the system clock.
     */
    public static CallerPages of(KeycloakSession session, RealmModel realm, BearerCaller app, PlanEndpoints plan,
                          PlanProfile profile, String proxyBase) {
        List<byte[]> keys = session.keys().getKeysStream(realm, KeyUse.SIG, Algorithm.HS512)
            .filter(key -> key.getSecretKey() != null)
            .sorted(Comparator.comparing((KeyWrapper key) -> key.getStatus() != KeyStatus.ACTIVE))
            .map(key -> PageLinkGrammar.derivedKey(key.getSecretKey().getEncoded()))
            .toList();
        return new CallerPages(plan, profile, proxyBase, new PageLinkGrammar(
            new PageGrants(keys, app.user().getId(), plan.alias()), Clock.systemUTC()));
    }

    /**
     * A grant for a page the proxy pages itself ({@code kind} names which, e.g. {@code everything}): signed for this
     * user and plan over exactly {@code facts}, lasting as long as page links. Spelled {@code {expires}.{mac}}; empty
     * when the realm has no HMAC key (then nothing is paged).
     */
    public Optional<String> grant(String kind, List<String> facts) {
        if (!grammar.canSign()) {
            return Optional.empty();
        }
        String expires = Long.toString(grammar.expiresFromNow());
        return Optional.of(expires + "." + grammar.grants().sign(kind, withExpiry(facts, expires)));
    }

    /**
     * Checks a {@link #grant} when the page is asked for.
     *
     * @throws FhirProblemException 403 when it was not signed here for this user, plan, {@code kind} and exactly
     *     {@code facts}, or has expired
     */
    public void verifyGrant(String grant, String kind, List<String> facts) throws FhirProblemException {
        int dot = grant.indexOf('.');
        String expires = dot < 0 ? "" : grant.substring(0, dot);
        if (!expires.matches("[1-9][0-9]{0,11}")
            || !grammar.grants().verifies(grant.substring(dot + 1), kind, withExpiry(facts, expires))) {
            throw FhirProblem.forbidden("This page link was not issued by this proxy to this user for this plan. "
                + "Follow the Bundle's links exactly as the proxy returned them.").exception();
        }
        if (grammar.expired(Long.parseLong(expires))) {
            throw PageLinks.expired();
        }
    }

    private static String[] withExpiry(List<String> facts, String expires) {
        String[] all = facts.toArray(new String[facts.size() + 1]);
        all[facts.size()] = expires;
        return all;
    }

    /**
     * A page request as the page of its search, its grant checked (403 when it was not issued here); others as they
     * are.
     */
    public FhirRequest verified(FhirRequest request) throws FhirProblemException {
        if (request.interaction() != Interaction.PAGE) {
            return request;
        }
        // The answer's use (prior authorizations) rides beside the grant, outside it: it only narrows the page.
        List<SearchParameter> beside = request.parameters().stream()
            .filter(p -> p.name().equals(PageParameters.ANSWER_USE)).toList();
        FhirRequest granted = beside.isEmpty() ? request : new FhirRequest(Interaction.PAGE, request.type(),
            request.id(), request.versionId(), request.parameters().stream()
                .filter(p -> !p.name().equals(PageParameters.ANSWER_USE)).toList());
        FhirRequest verified = PagingHostLinks.isHostPage(granted) ? hostPages.verified(granted)
            : pages.verifiedIfPage(granted);
        for (SearchParameter p : beside) {
            verified = verified.with(p);
        }
        return verified;
    }

    /**
     * What becomes of the page links in an answer to {@code asked}: page links granted for the searched type, and
     * Bundle links as the plan's paging settings say (its paging hosts; with offset paging, the next link of a
     * search written by the proxy).
     *
     * @param asked the request as the app sent it, before the policy pinned it: offset paging repeats its parameters
     * @param type the type the search or page is granted for
     */
    public BundlePaging bundlePaging(FhirRequest asked, String type) {
        Optional<OffsetPaging> offset = profile.pagingMode() == PagingMode.OFFSET
            && asked.interaction() == Interaction.SEARCH
            ? Optional.of(OffsetPaging.of(proxyBase, plan.fhirBaseUrl(), asked, profile.offsetParameter()))
            : Optional.empty();
        return new BundlePaging(pages.signer(type), hostPages.signer(type), leftOutLinkWarning(), profile.pagingMode(),
            offset);
    }

    /**
     * One warning per answer for the administrator when a plan's Bundle links to a host that is neither its FHIR base
     * nor one of its paging hosts: either the plan needs that host listed, or its answer is not to be trusted. Names
     * the first host only (an answer may link to thousands); the link's path and query may carry a member's data.
     */
    private Consumer<String> leftOutLinkWarning() {
        Set<String> warned = new HashSet<>();
        return origin -> {
            if (warned.isEmpty() && warned.add(origin)) {
                LOG.warnf("Plan %s answered with a Bundle link to %s, which is neither its FHIR base nor one of its "
                    + "paging hosts; the link was left out. If that host serves the plan's pages, add it to the plan's "
                    + "\"Paging hosts\".", plan.alias(), origin);
            }
        };
    }
}
