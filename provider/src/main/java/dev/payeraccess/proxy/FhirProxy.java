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
import dev.payeraccess.plan.PlanFhirCall;
import dev.payeraccess.plan.PlanProblem;
import dev.payeraccess.token.PayerTokenService;
import dev.payeraccess.token.StoredPayerToken;
import dev.payeraccess.token.StoredTokenCipher;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * One request to {@code fhir/{alias}/...}, from the caller's token to the plan's streamed answer. The
 * order of checks is the contract's: 401 caller, 404 plan, 400 request, 404 link, 409 relink, 403 access
 * (decided by {@link AccessPolicy}), then the plan (502, 504, or its own answer). Nothing reaches the plan
 * before every check passed, and every request, answered or refused, is audited once.
 */
public final class FhirProxy {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String alias;
    private final PublicUrls urls;

    public FhirProxy(KeycloakSession session, String alias) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.alias = alias;
        this.urls = new PublicUrls(session);
    }

    public Response forward(ProxyRequest request) {
        AuditFacts facts = AuditFacts.startingNow();
        try {
            BearerCaller app = BearerCaller.authenticate(session);
            facts = facts.caller(app);
            ApiCors.forCaller(session, app.token());
            PayerIdentityProviderConfig plan = enabledPlan();
            facts = facts.plan(alias);
            FhirRequest fhir = new FhirRequestParser(R4.context().getResourceTypes(), urls.fhirBase(alias),
                plan.fhirBaseUrl().orElseThrow()).parse(request.encodedPath(), request.rawQuery(), request.formBody());
            facts = facts.request(fhir);
            ProxyProblems problems = new ProxyProblems(alias, plan.upstreamTimeoutMs(),
                urls.link(alias, app.client().getClientId()));
            PayerTokenService tokens = new PayerTokenService(session, realm, plan.endpoints());
            StoredPayerToken stored = storedToken(app, tokens, problems);
            AccessDecision.Allowed allowed = allowed(AccessPolicy.of(app.scope(), stored.scope(),
                plan.allowedResourceTypes(), new HapiReferenceTargets(R4.context())).decide(fhir));
            PlanAnswer answer = read(plan, allowed.forwarded(), request,
                new MemberTokens(tokens, app.user(), stored, problems), problems);
            Response response = new RelayedAnswer(alias).relay(answer,
                new FhirJsonRewriter(plan.fhirBaseUrl().orElseThrow(), urls.fhirBase(alias), allowed.mayReturn()),
                request.method());
            return audited(facts, response, response.getStatus() >= 400
                ? Optional.of("plan_" + response.getStatus()) : Optional.empty());
        } catch (FhirProblemException e) {
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

    private static AccessDecision.Allowed allowed(AccessDecision decision) throws FhirProblemException {
        if (decision instanceof AccessDecision.Refused refused) {
            throw refused.problem().exception();
        }
        return (AccessDecision.Allowed) decision;
    }

    private PlanAnswer read(PayerIdentityProviderConfig plan, FhirRequest forwarded, ProxyRequest request,
                            MemberTokens tokens, ProxyProblems problems) throws FhirProblemException {
        try {
            return new PlanFhirCall(session, plan.endpoints())
                .read(forwarded.planUrl(plan.fhirBaseUrl().orElseThrow()), request.forwardedHeaders(), tokens);
        } catch (PlanProblem e) {
            throw problems.of(e).exception();
        }
    }

    private Response audited(AuditFacts facts, Response response, Optional<String> error) {
        new ProxyAudit(session, realm).record(facts.ended(response.getStatus(), error));
        return response;
    }

    private ProblemResponses problemResponses() {
        return new ProblemResponses(realm.getName());
    }
}
