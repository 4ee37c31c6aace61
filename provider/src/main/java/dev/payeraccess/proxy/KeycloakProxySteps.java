package dev.payeraccess.proxy;

import dev.payeraccess.api.ApiCors;
import dev.payeraccess.api.BearerCaller;
import dev.payeraccess.api.PublicUrls;
import dev.payeraccess.audit.ProxiedRequest;
import dev.payeraccess.audit.ProxyAudit;
import dev.payeraccess.broker.RealmPlans;
import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.fhir.HapiSearchParameters;
import dev.payeraccess.fhir.OperationOutcomeWriter;
import dev.payeraccess.fhir.ProblemResponses;
import dev.payeraccess.fhir.R4;
import dev.payeraccess.health.PlanHealthMonitor;
import dev.payeraccess.plan.PagingMode;
import dev.payeraccess.plan.PlanAnswer;
import dev.payeraccess.plan.PlanCapabilities;
import dev.payeraccess.plan.PlanConnections;
import dev.payeraccess.plan.PlanFhirCall;
import dev.payeraccess.plan.PlanProblem;
import dev.payeraccess.proxy.answer.FhirJsonRewriter;
import dev.payeraccess.proxy.answer.RelayedAnswer;
import dev.payeraccess.proxy.everything.EmulatedEverything;
import dev.payeraccess.proxy.everything.EverythingCursors;
import dev.payeraccess.proxy.everything.EverythingPlan;
import dev.payeraccess.proxy.everything.EverythingRequest;
import dev.payeraccess.proxy.everything.EverythingSearches;
import dev.payeraccess.proxy.limits.PlanCaps;
import dev.payeraccess.proxy.limits.ProxyLimits;
import dev.payeraccess.proxy.paging.BundlePaging;
import dev.payeraccess.proxy.paging.CallerPages;
import dev.payeraccess.proxy.policy.AccessDecision;
import dev.payeraccess.proxy.policy.AccessPolicy;
import dev.payeraccess.proxy.policy.AnswerFilter;
import dev.payeraccess.proxy.priorauth.PriorAuthorizationSearch;
import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.FhirRequestParser;
import dev.payeraccess.proxy.request.Interaction;
import dev.payeraccess.proxy.request.ProxyRequest;
import dev.payeraccess.token.LinkStore;
import dev.payeraccess.token.MemberLink;
import dev.payeraccess.token.PlanTokenService;
import dev.payeraccess.token.StoredPlanToken;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The checks of one proxied request against Keycloak: the caller's bearer token, the realm's plans, the member's
 * stored link, this node's {@link ProxyLimits}, the plan's FHIR API and Keycloak's events. Made per request: it
 * remembers what it learnt, so the one audit record of the request says what was known when it ended.
 */
public final class KeycloakProxySteps implements ProxySteps<BearerCaller, ProxiedPlan, StoredPlanToken, Response> {

    /** The path that {@link #preparedEverything} reads as the operation on the member's own patient at the plan. */
    public static final String LINKED_PATIENT_EVERYTHING = "Patient/" + FhirRequest.EVERYTHING;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String alias;
    private final PublicUrls urls;
    private final ProxyLimits limits;
    private final long deadlineNanos;
    private AuditFacts facts = AuditFacts.startingNow();
    private String linkUrl;
    private CallerPages pages;

    public KeycloakProxySteps(KeycloakSession session, String alias) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.alias = alias;
        this.urls = new PublicUrls(session);
        this.limits = session.getProvider(ProxyLimits.class);
        this.deadlineNanos = System.nanoTime() + limits.deadline().toNanos();
    }

    @Override
    public BearerCaller caller() throws FhirProblemException {
        BearerCaller caller = BearerCaller.authenticate(session);
        facts = facts.caller(caller);
        ApiCors.forCaller(session, caller.token());
        return caller;
    }

    @Override
    public ProxiedPlan plan() throws FhirProblemException {
        ProxiedPlan plan = ProxiedPlan.of(RealmPlans.enabled(session, alias)
            .orElseThrow(() -> ProxyProblems.unknownPlan(realm.getName(), alias, urls.payers()).exception()));
        facts = facts.plan(alias);
        return plan;
    }

    @Override
    public FhirRequest parsed(BearerCaller caller, ProxiedPlan plan, ProxyRequest request)
        throws FhirProblemException {
        FhirRequest parsed = new FhirRequestParser(R4.context().getResourceTypes(), urls.fhirBase(alias),
            plan.endpoints().fhirBaseUrl()).parse(request.encodedPath(), request.rawQuery(), request.formBody());
        FhirRequest verified = pages(caller, plan).verified(parsed);
        facts = facts.request(verified);
        if (verified.interaction() == Interaction.EVERYTHING) {
            EverythingRequest.of(verified, R4.context().getResourceTypes()); // its parameters: 400 before anything else
        }
        return verified;
    }

    /** The link's token, if it may be sent to the plan as configured now (409 before any call if not). */
    @Override
    public StoredPlanToken link(BearerCaller caller, ProxiedPlan plan) throws FhirProblemException {
        ProxyProblems problems = problems(caller, plan);
        MemberLink link = new LinkStore(session, realm).find(caller.user(), plan.endpoints(), plan.binding(),
            plan.earlyLinks());
        StoredPlanToken usable = link.usable().orElseThrow(() -> problems.of(link).exception());
        new LinkStore(session, realm).appRead(caller.user(), plan.endpoints(), plan.profile(),
            plan.earlyLinks());
        return tokens(plan).boundToPlan(usable).orElseThrow(() -> problems.planChanged().exception());
    }

    @Override
    public AutoCloseable admitted(BearerCaller caller) throws FhirProblemException {
        return limits.admit(caller.user().getId(), alias).orElseThrow(() -> FhirProblem.tooManyRequests(
            "This user already has as many requests to health plans in progress, and waiting their turn, as this "
                + "server allows; retry after the ones in progress end.", limits.retryAfterSeconds()).exception());
    }

    /** At a plan that pages by an offset, that parameter is paging, not a search the policy must look at. */
    @Override
    public AccessDecision.Allowed allowed(BearerCaller caller, ProxiedPlan plan, StoredPlanToken link,
                                         FhirRequest asked) throws FhirProblemException {
        AccessDecision decision = policy(caller, plan, link).decide(asked);
        if (decision instanceof AccessDecision.Refused refused) {
            throw refused.problem().exception();
        }
        return priorAuthorizations().applied((AccessDecision.Allowed) decision);
    }

    private static AccessPolicy policy(BearerCaller caller, ProxiedPlan plan, StoredPlanToken link) {
        AccessPolicy policy = AccessPolicy.of(caller.scope(), link.scope(), plan.config().allowedResourceTypes(),
            HapiSearchParameters.r4(), link.patient());
        if (plan.profile().pagingMode() == PagingMode.OFFSET) {
            policy = policy.pagingBy(plan.profile().offsetParameter());
        }
        return policy;
    }

    /** Decided against what the plan's CapabilityStatement declared, as the health probe last read it. */
    @Override
    public EverythingPlan everything(BearerCaller caller, ProxiedPlan plan, StoredPlanToken link, FhirRequest asked)
        throws FhirProblemException {
        Optional<PlanCapabilities> declared = session.getProvider(PlanHealthMonitor.class).capabilities(realm, alias);
        return new EverythingSearches(policy(caller, plan, link), HapiSearchParameters.r4(),
            plan.config().allowedResourceTypes(), declared)
            .plan(EverythingRequest.of(asked, R4.context().getResourceTypes()));
    }

    /**
     * Forwarded: the plan's answer relayed as a search's is, its page links granted for the first type it reads.
     * Emulated: one Bundle written here from the plan's searches, its next links signed like page links.
     */
    @Override
    public Response readEverything(BearerCaller caller, ProxiedPlan plan, StoredPlanToken link,
                                   EverythingPlan everything, FhirRequest asked, ProxyRequest request)
        throws FhirProblemException {
        String planBase = plan.endpoints().fhirBaseUrl();
        if (everything.forwarded().isPresent()) {
            PlanAnswer answer = read(caller, plan, link, everything.forwarded().get().planUrl(planBase), Map.of());
            return new RelayedAnswer(alias).relay(answer, forwardedEverythingRewriter(plan, everything,
                pages(caller, plan)), request.method());
        }
        Response.ResponseBuilder ok = Response.ok().type(OperationOutcomeWriter.FHIR_JSON + ";charset=utf-8")
            .header("Cache-Control", "private, no-cache");
        if (request.method() == ProxyRequest.Method.HEAD) {
            return ok.build(); // what a GET would send, without reading the plan for a body nobody gets
        }
        return ok.entity(new EmulatedEverything(alias, EverythingRequest.of(asked, R4.context().getResourceTypes()),
            everything, everythingCursors(plan, pages(caller, plan)), url -> read(caller, plan, link, url, Map.of()),
            emulatedEverythingRewriter(plan, everything)).answer()).build();
    }

    /** The forwarded operation's answer relayed as a search's is, its page links granted for the first type read. */
    private FhirJsonRewriter forwardedEverythingRewriter(ProxiedPlan plan, EverythingPlan everything,
                                                         CallerPages pages) {
        return new FhirJsonRewriter(plan.endpoints().fhirBaseUrl(), urls.fhirBase(alias), everything.answer(),
            pages.bundlePaging(everything.forwarded().orElseThrow(), everything.types().get(0)),
            FhirJsonRewriter.DEFAULT_MAX_HELD_CHARS);
    }

    /** The emulation's rewriter of each type's pages: the plan's own next links, read on its FHIR base only. */
    private FhirJsonRewriter emulatedEverythingRewriter(ProxiedPlan plan, EverythingPlan everything) {
        return new FhirJsonRewriter(plan.endpoints().fhirBaseUrl(), urls.fhirBase(alias), everything.answer(),
            BundlePaging.onPlanBaseOnly(UnaryOperator.identity()), FhirJsonRewriter.DEFAULT_MAX_HELD_CHARS);
    }

    /** The emulation's next links, signed like page links for this user and plan (keys read now, on this thread). */
    private EverythingCursors everythingCursors(ProxiedPlan plan, CallerPages pages) {
        return new EverythingCursors(new EverythingCursors.Grants() {
            @Override
            public Optional<String> grant(List<String> facts) {
                return pages.grant(EverythingCursors.kind(), facts);
            }

            @Override
            public void verify(String grant, List<String> facts) throws FhirProblemException {
                pages.verifyGrant(grant, EverythingCursors.kind(), facts);
            }
        }, urls.fhirBase(alias), plan.endpoints().fhirBaseUrl());
    }

    /** How prior authorizations are asked of this plan, from its CapabilityStatement as last probed. */
    private PriorAuthorizationSearch priorAuthorizations() {
        return PriorAuthorizationSearch.at(session.getProvider(PlanHealthMonitor.class).capabilities(realm, alias));
    }

    @Override
    public AutoCloseable atPlan(BearerCaller caller, ProxiedPlan plan) throws FhirProblemException {
        return throttling(caller, plan).enter();
    }

    @Override
    public PlanAnswer answer(BearerCaller caller, ProxiedPlan plan, StoredPlanToken link, FhirRequest forwarded,
                             ProxyRequest request) throws FhirProblemException {
        return read(caller, plan, link, forwarded.planUrl(plan.endpoints().fhirBaseUrl()),
            request.forwardedHeaders());
    }

    /** One read at the plan with the member's token, within this request's deadline. */
    private PlanAnswer read(BearerCaller caller, ProxiedPlan plan, StoredPlanToken link, String url,
                            Map<String, String> headers) throws FhirProblemException {
        MemberTokens tokens = new MemberTokens(tokens(plan), caller.user(), link, problems(caller, plan));
        try {
            PlanConnections connections = session.getProvider(PlanConnections.class);
            return new PlanFhirCall(limits.httpClient(), connections.fresh(), connections.targets(), plan.endpoints(),
                deadlineNanos).read(url, headers, tokens);
        } catch (PlanProblem e) {
            throw throttling(caller, plan).problemOf(e).exception();
        }
    }

    /** A read whose resource decides by its content (a patient/ caller's claim) is looked at before it is passed on. */
    @Override
    public Response relayed(ProxiedPlan plan, PlanAnswer answer, AccessDecision.Allowed allowed, FhirRequest asked,
                            ProxyRequest request) throws FhirProblemException {
        FhirRequest forwarded = allowed.forwarded();
        String type = forwarded.type().orElseThrow();
        FhirJsonRewriter rewriter = new FhirJsonRewriter(plan.endpoints().fhirBaseUrl(), urls.fhirBase(alias),
            allowed.answer(), PriorAuthorizationSearch.keptOnPages(asked,
                pages(facts.caller().orElseThrow(), plan).bundlePaging(asked, type)),
            FhirJsonRewriter.DEFAULT_MAX_HELD_CHARS);
        boolean read = forwarded.interaction() == Interaction.READ || forwarded.interaction() == Interaction.VREAD;
        RelayedAnswer relayed = new RelayedAnswer(alias);
        return read && allowed.answer().byType(type) == AnswerFilter.Verdict.INSPECT
            ? relayed.relayChecked(answer, rewriter, request, type, allowed.answer())
            : relayed.relay(answer, rewriter, request.method());
    }

    /**
     * Keycloak keeps the request's session open until a {@link StreamingOutput} has been written, so the audit of a
     * streamed answer is written after its last byte, with the status sent and whether the stream was cut off.
     */
    @Override
    public Response answered(Response response, Runnable release) {
        Optional<String> error = response.getStatus() >= 400
            ? Optional.of("plan_" + response.getStatus()) : Optional.empty();
        if (!(response.getEntity() instanceof StreamingOutput body)) {
            release.run();
            return audited(response, error, ProxiedRequest.Outcome.COMPLETE);
        }
        return Response.fromResponse(response).entity((StreamingOutput) out -> {
            ProxiedRequest.Outcome outcome = ProxiedRequest.Outcome.ABORTED;
            try {
                body.write(out);
                outcome = ProxiedRequest.Outcome.COMPLETE;
            } finally {
                release.run();
                record(response.getStatus(), outcome == ProxiedRequest.Outcome.ABORTED
                    ? Optional.of("answer_aborted") : error, outcome);
            }
        }).build();
    }

    @Override
    public Response refused(FhirProblem problem) {
        if (facts.caller().isEmpty()) {
            ApiCors.forAnyone(); // so a browser app can read why it was refused
        }
        return audited(new ProblemResponses(realm.getName()).of(problem), Optional.of(problem.auditCode()),
            ProxiedRequest.Outcome.COMPLETE);
    }

    /**
     * This plan's part of a search across the member's plans ({@code fhir/_all}): the checks of
     * {@link FhirProxy#forward} in its order, run now on the request thread (caller, plan, request, link, the caller's
     * share, access, the plan's gate), and the member's token read (renewed first when due), so that the call and the
     * rewrite can run where no {@code KeycloakSession} may be touched. A refusal is audited here, as a single-plan
     * search's is, and thrown.
     *
     * @param request a search ({@code [type]?params}) or a page of one, as if sent to {@code fhir/{alias}/}
     */
    public PreparedRead prepared(ProxyRequest request) throws FhirProblemException {
        return prepared(request, false);
    }

    /**
     * This plan's part of {@code $everything} across the member's plans ({@code fhir/_all/Patient/$everything}): as
     * {@link #prepared(ProxyRequest)}, with {@code Patient/$everything} read as the operation on the patient the
     * member's link names at this plan (whatever the caller's scopes: the link's patient is the member's own), which
     * is why the link is found before the request is parsed. A later page is the plan's page link or the emulation's
     * cursor, checked as the single-plan operation's are.
     *
     * @param request {@link #LINKED_PATIENT_EVERYTHING}, {@code Patient/[id]/$everything} with a cursor, or a page of
     *     a forwarded operation, as if sent to {@code fhir/{alias}/}
     */
    public PreparedRead preparedEverything(ProxyRequest request) throws FhirProblemException {
        return prepared(request, true);
    }

    private PreparedRead prepared(ProxyRequest request, boolean everything) throws FhirProblemException {
        HeldResources held = new HeldResources();
        try {
            BearerCaller caller = caller();
            ProxiedPlan plan = plan();
            Optional<StoredPlanToken> linked = Optional.empty();
            ProxyRequest resolved = request;
            if (everything && request.encodedPath().equals(LINKED_PATIENT_EVERYTHING)) {
                linked = Optional.of(link(caller, plan));
                resolved = new ProxyRequest(request.method(), "Patient/" + URLEncoder.encode(linked.get().patient(),
                    StandardCharsets.UTF_8) + "/" + FhirRequest.EVERYTHING, request.rawQuery(), request.formBody(),
                    request.forwardedHeaders());
            }
            FhirRequest asked = parsed(caller, plan, resolved);
            StoredPlanToken link = linked.isPresent() ? linked.get() : link(caller, plan);
            held.hold(admittedAtOnce(caller));
            PreparedRead.Relay relay;
            if (asked.interaction() == Interaction.EVERYTHING) {
                relay = everythingRelay(caller, plan, everything(caller, plan, link, asked), asked);
            } else {
                AccessDecision.Allowed allowed = allowed(caller, plan, link, asked);
                String url = allowed.forwarded().planUrl(plan.endpoints().fhirBaseUrl());
                FhirJsonRewriter rewriter = new FhirJsonRewriter(plan.endpoints().fhirBaseUrl(), urls.fhirBase(alias),
                    allowed.answer(), PriorAuthorizationSearch.keptOnPages(asked,
                        pages(caller, plan).bundlePaging(asked, allowed.forwarded().type().orElseThrow())),
                    FhirJsonRewriter.DEFAULT_MAX_HELD_CHARS);
                relay = planPages -> new RelayedAnswer(alias).relay(planPages.read(url), rewriter,
                    ProxyRequest.Method.GET);
            }
            held.hold(atPlan(caller, plan));
            String token = new MemberTokens(tokens(plan), caller.user(), link, problems(caller, plan)).current();
            PlanConnections connections = session.getProvider(PlanConnections.class);
            PlanFhirCall call = new PlanFhirCall(limits.httpClient(), connections.fresh(), connections.targets(),
                plan.endpoints(), deadlineNanos);
            linkUrl(caller); // built here: the read's problems are told where no KeycloakSession may be touched
            return new PreparedRead(alias, call, token, relay, throttling(caller, plan), held, this);
        } catch (FhirProblemException e) {
            held.close();
            refused(e.problem());
            throw e;
        } catch (RuntimeException | Error e) {
            held.close(); // whatever failed, nothing this plan took stays held until it lapses
            throw e;
        }
    }

    /**
     * A read across plans waits for no admission: its plans would wait behind its own earlier ones, each holding one
     * of the node's few places to wait. A plan past the user's share is refused (429) at once.
     */
    private AutoCloseable admittedAtOnce(BearerCaller caller) throws FhirProblemException {
        return limits.tryAdmit(caller.user().getId(), alias).orElseThrow(() -> FhirProblem.tooManyRequests(
            "This user already has as many requests to health plans in progress as this server allows; a search "
                + "across plans reads no more of them at once. Retry after the ones in progress end.",
            limits.retryAfterSeconds()).exception());
    }

    /**
     * The operation's answer as {@link #readEverything} writes it, made of what was decided here and the plan's
     * pages read through whatever it is handed (off the request thread for {@code fhir/_all}).
     */
    private PreparedRead.Relay everythingRelay(BearerCaller caller, ProxiedPlan plan, EverythingPlan everything,
                                               FhirRequest asked) throws FhirProblemException {
        CallerPages pages = pages(caller, plan);
        if (everything.forwarded().isPresent()) {
            FhirRequest forwarded = everything.forwarded().get();
            String url = forwarded.planUrl(plan.endpoints().fhirBaseUrl());
            FhirJsonRewriter rewriter = forwardedEverythingRewriter(plan, everything, pages);
            return planPages -> new RelayedAnswer(alias).relay(planPages.read(url), rewriter, ProxyRequest.Method.GET);
        }
        EverythingRequest request = EverythingRequest.of(asked, R4.context().getResourceTypes());
        EverythingCursors cursors = everythingCursors(plan, pages);
        FhirJsonRewriter rewriter = emulatedEverythingRewriter(plan, everything);
        return planPages -> Response.ok(new EmulatedEverything(alias, request, everything, cursors, planPages,
            rewriter).answer()).build();
    }

    /** The audit of a {@link PreparedRead}, once its part has ended. */
    void ended(int status, Optional<String> error, ProxiedRequest.Outcome outcome) {
        record(status, error, outcome);
    }

    /** Refuses a write with 405 and the methods allowed, whoever asks: no write ever reaches a plan. */
    public Response refusedWrite(String method) {
        FhirProblem problem = FhirProblem.methodNotAllowed("This FHIR proxy is read-only: " + method
            + " is not allowed. Use GET or HEAD, or POST [type]/_search with a form-encoded body.");
        return Response.fromResponse(refused(problem)).header("Allow", "GET, HEAD, POST").build();
    }

    private Response audited(Response response, Optional<String> error, ProxiedRequest.Outcome outcome) {
        record(response.getStatus(), error, outcome);
        return response;
    }

    private void record(int status, Optional<String> error, ProxiedRequest.Outcome outcome) {
        new ProxyAudit(session, realm).record(facts.ended(status, error, outcome));
    }

    /** Made once per request: its keys are derived from the realm's, which the parsing and the relaying both need. */
    private CallerPages pages(BearerCaller caller, ProxiedPlan plan) {
        if (pages == null) {
            pages = CallerPages.of(session, realm, caller, plan.endpoints(), plan.profile(), urls.fhirBase(alias));
        }
        return pages;
    }

    private ProxyProblems problems(BearerCaller caller, ProxiedPlan plan) {
        return new ProxyProblems(alias, plan.config().upstreamTimeoutMs(), () -> linkUrl(caller));
    }

    /** The link URL for this caller's app, built once a problem needs it (a URI builder's work: not on every read). */
    private String linkUrl(BearerCaller caller) {
        if (linkUrl == null) {
            linkUrl = urls.link(alias, caller.client().getClientId());
        }
        return linkUrl;
    }

    private PlanTokenService tokens(ProxiedPlan plan) {
        return new PlanTokenService(session, realm, plan.endpoints(), plan.profile(), plan.binding(),
            plan.earlyLinks());
    }

    private PlanThrottling throttling(BearerCaller caller, ProxiedPlan plan) {
        return new PlanThrottling(limits.planGate(realm.getId(), alias), limits.memberWaits(),
            new PlanThrottling.Member(realm.getId(), alias, caller.user().getId()), PlanCaps.of(plan.profile()),
            problems(caller, plan));
    }
}
