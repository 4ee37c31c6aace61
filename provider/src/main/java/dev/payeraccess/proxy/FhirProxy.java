package dev.payeraccess.proxy;

import dev.payeraccess.api.ApiCors;
import dev.payeraccess.api.BearerCaller;
import dev.payeraccess.api.PublicUrls;
import dev.payeraccess.audit.ProxyAudit;
import dev.payeraccess.broker.PayerIdentityProviderConfig;
import dev.payeraccess.broker.PayerPlans;
import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.fhir.ProblemResponses;
import dev.payeraccess.fhir.R4;
import dev.payeraccess.plan.PlanAnswer;
import dev.payeraccess.plan.PagingMode;
import dev.payeraccess.plan.PlanConnections;
import dev.payeraccess.plan.PlanEndpoints;
import dev.payeraccess.plan.PlanFhirCall;
import dev.payeraccess.plan.PlanProblem;
import dev.payeraccess.plan.PlanProfile;
import dev.payeraccess.token.PayerTokenService;
import dev.payeraccess.token.StoredPayerToken;
import dev.payeraccess.token.StoredTokenCipher;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Optional;
import org.apache.http.impl.client.CloseableHttpClient;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * One request to {@code fhir/{alias}/...}, from the caller's token to the plan's streamed answer. The
 * order of checks is the contract's: 401 caller, 404 plan, 400 request, 404 link, 409 relink, 429 the user's
 * share, 403 access (decided by {@link AccessPolicy}), 429/503 the plan's gate on this node ({@link PlanGate}),
 * then the plan (502, 504, its wait relayed as 429/503, or its own answer). Nothing reaches the plan before
 * every check passed, and every request, answered or refused, is audited once.
 */
public final class FhirProxy {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String alias;
    private final PublicUrls urls;
    private final ProxyLimits limits;
    private final long deadlineNanos;

    public FhirProxy(KeycloakSession session, String alias) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.alias = alias;
        this.urls = new PublicUrls(session);
        this.limits = session.getProvider(ProxyLimits.class);
        this.deadlineNanos = System.nanoTime() + limits.deadline().toNanos();
    }

    public Response forward(ProxyRequest request) {
        AuditFacts facts = AuditFacts.startingNow();
        Optional<ConcurrencyLimit.Admission> admission = Optional.empty();
        Optional<PlanGate.Slot> slot = Optional.empty();
        try {
            BearerCaller app = BearerCaller.authenticate(session);
            facts = facts.caller(app);
            ApiCors.forCaller(session, app.token());
            PayerIdentityProviderConfig plan = enabledPlan();
            facts = facts.plan(alias);
            // Read from the plan's configuration once per request: every step below uses these same values.
            PlanEndpoints endpoints = plan.endpoints();
            PlanProfile profile = plan.profile();
            CallerPages pages = CallerPages.of(session, realm, app, endpoints, profile, urls.fhirBase(alias));
            FhirRequest fhir = pages.verified(new FhirRequestParser(R4.context().getResourceTypes(),
                urls.fhirBase(alias), endpoints.fhirBaseUrl())
                .parse(request.encodedPath(), request.rawQuery(), request.formBody()));
            facts = facts.request(fhir);
            ProxyProblems problems = new ProxyProblems(alias, plan.upstreamTimeoutMs(),
                urls.link(alias, app.client().getClientId()));
            PayerTokenService tokens = new PayerTokenService(session, realm, endpoints, profile);
            StoredPayerToken stored = storedToken(app, tokens, problems);
            admission = admit(app);
            AccessDecision.Allowed allowed = allowed(policy(plan, profile, app, stored).decide(fhir));
            PlanThrottling throttling = new PlanThrottling(limits.planGate(realm.getId(), alias), limits.memberWaits(),
                new PlanThrottling.Member(realm.getId(), alias, app.user().getId()), PlanCaps.of(profile), problems);
            slot = Optional.of(throttling.enter());
            PlanAnswer answer = read(endpoints, allowed.forwarded(), request,
                new MemberTokens(tokens, app.user(), stored, problems), throttling);
            Response response = relay(answer, allowed, request, pages.rewriter(fhir, allowed));
            return audited(facts, holding(response, releasing(admission, slot)), response.getStatus() >= 400
                ? Optional.of("plan_" + response.getStatus()) : Optional.empty());
        } catch (FhirProblemException e) {
            releasing(admission, slot).run();
            if (facts.caller().isEmpty()) {
                ApiCors.forAnyone(); // so a browser app can read why it was refused
            }
            return audited(facts, problemResponses().of(e.problem()), Optional.of(e.problem().auditCode()));
        }
    }

    /** Refuses a write with 405 and the methods allowed, whoever asks: no write ever reaches a plan. */
    public Response refuseWrite(String method) {
        FhirProblem problem = FhirProblem.methodNotAllowed("This FHIR proxy is read-only: " + method
            + " is not allowed. Use GET or HEAD, or POST [type]/_search with a form-encoded body.");
        return audited(AuditFacts.startingNow(), problemResponses().builder(problem)
            .header("Allow", "GET, HEAD, POST").build(), Optional.of(problem.auditCode()));
    }

    /** One user's (and one link's) share of this node's proxy; past it, 429 before anything else is done. */
    private Optional<ConcurrencyLimit.Admission> admit(BearerCaller app) throws FhirProblemException {
        return Optional.of(limits.admit(app.user().getId(), alias).orElseThrow(() -> FhirProblem.tooManyRequests(
            "This user already has as many requests to health plans in progress as this server allows; retry "
                + "after the ones in progress end.", limits.retryAfterSeconds()).exception()));
    }

    /**
     * What the request holds is given back when the answer has been streamed (or at once when there is nothing
     * to stream): the plan's slot counts until the plan's answer is closed.
     */
    private static Response holding(Response response, Runnable release) {
        if (response.getEntity() instanceof StreamingOutput body) {
            return Response.fromResponse(response).entity((StreamingOutput) out -> {
                try {
                    body.write(out);
                } finally {
                    release.run();
                }
            }).build();
        }
        release.run();
        return response;
    }

    private static Runnable releasing(Optional<ConcurrencyLimit.Admission> admission, Optional<PlanGate.Slot> slot) {
        return () -> {
            slot.ifPresent(PlanGate.Slot::close);
            admission.ifPresent(ConcurrencyLimit.Admission::close);
        };
    }

    private PayerIdentityProviderConfig enabledPlan() throws FhirProblemException {
        return PayerPlans.enabled(session, alias).orElseThrow(() -> FhirProblem.notFound("Realm " + realm.getName()
            + " has no enabled health plan '" + alias + "'. GET " + urls.payers() + " lists them.").exception());
    }

    /** The link's token, if it may be sent to the plan as configured now (409 before any call if not). */
    private StoredPayerToken storedToken(BearerCaller app, PayerTokenService tokens, ProxyProblems problems)
        throws FhirProblemException {
        FederatedIdentityModel link = session.users().getFederatedIdentity(realm, app.user(), alias);
        if (link == null) {
            throw problems.notLinked().exception();
        }
        StoredPayerToken stored = new StoredTokenCipher(session, realm).decrypt(link.getToken())
            .orElseThrow(() -> problems.relinkRequired().exception());
        return tokens.boundToPlan(app.user(), stored).orElseThrow(() -> problems.planChanged().exception());
    }

    /** The access policy for this caller, link and plan; at a plan that pages by an offset, that parameter is paging. */
    private static AccessPolicy policy(PayerIdentityProviderConfig plan, PlanProfile profile, BearerCaller app,
                                       StoredPayerToken stored) {
        AccessPolicy policy = AccessPolicy.of(app.scope(), stored.scope(), plan.allowedResourceTypes(),
            new HapiSearchParameters(R4.context()), stored.patient());
        return profile.pagingMode() == PagingMode.OFFSET ? policy.pagingBy(profile.offsetParameter()) : policy;
    }

    private static AccessDecision.Allowed allowed(AccessDecision decision) throws FhirProblemException {
        if (decision instanceof AccessDecision.Refused refused) {
            throw refused.problem().exception();
        }
        return (AccessDecision.Allowed) decision;
    }

    private PlanAnswer read(PlanEndpoints plan, FhirRequest forwarded, ProxyRequest request,
                            MemberTokens tokens, PlanThrottling throttling) throws FhirProblemException {
        try {
            CloseableHttpClient fresh = session.getProvider(PlanConnections.class).fresh();
            return new PlanFhirCall(limits.httpClient(), fresh, plan, deadlineNanos)
                .read(forwarded.planUrl(plan.fhirBaseUrl()), request.forwardedHeaders(), tokens);
        } catch (PlanProblem e) {
            throw throttling.problemOf(e).exception();
        }
    }

    /** A read whose resource decides by its content (a patient/ caller's claim) is looked at before it is passed on. */
    private Response relay(PlanAnswer answer, AccessDecision.Allowed allowed, ProxyRequest request,
                           FhirJsonRewriter rewriter) throws FhirProblemException {
        FhirRequest forwarded = allowed.forwarded();
        String type = forwarded.type().orElseThrow();
        boolean read = forwarded.interaction() == Interaction.READ || forwarded.interaction() == Interaction.VREAD;
        RelayedAnswer relayed = new RelayedAnswer(alias);
        return read && allowed.answer().byType(type) == AnswerFilter.Verdict.INSPECT
            ? relayed.relayChecked(answer, rewriter, request.method(), type, allowed.answer())
            : relayed.relay(answer, rewriter, request.method());
    }

    private Response audited(AuditFacts facts, Response response, Optional<String> error) {
        new ProxyAudit(session, realm).record(facts.ended(response.getStatus(), error));
        return response;
    }

    private ProblemResponses problemResponses() {
        return new ProblemResponses(realm.getName());
    }
}
