package dev.payeraccess.proxy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.payeraccess.audit.ProxiedRequest;
import dev.payeraccess.audit.ProxyAudit;
import dev.payeraccess.broker.PayerIdentityProviderConfig;
import dev.payeraccess.broker.PayerPlans;
import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.fhir.OperationOutcomeWriter;
import dev.payeraccess.fhir.ProblemResponses;
import dev.payeraccess.fhir.R4;
import dev.payeraccess.links.PayerLinks;
import dev.payeraccess.rest.ApiCors;
import dev.payeraccess.rest.BearerCaller;
import dev.payeraccess.token.PayerTokenService;
import dev.payeraccess.token.StoredPayerToken;
import dev.payeraccess.token.StoredTokenCipher;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * One request to {@code fhir/{alias}/...}, from the caller's token to the plan's streamed answer. The
 * order of checks is the contract's: 401 caller, 404 plan, 400 request, 404 link, 409 relink, 403 scope,
 * then the plan (502, 504, or its own answer). Nothing reaches the plan before every check passed, and
 * every request, answered or refused, is audited once.
 */
public final class FhirProxy {

    private static final JsonFactory JSON = new JsonFactory();
    /** The app's headers the plan may see; everything else (its token first) stays here. */
    private static final List<String> FORWARDED_HEADERS = List.of("If-None-Match", "If-Modified-Since", "Prefer");
    /** The plan's headers the app gets back. */
    private static final List<String> RETURNED_HEADERS = List.of("ETag", "Last-Modified");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String alias;
    private final ProblemResponses problems;
    private final long started = System.nanoTime();

    private Optional<AuthResult> caller = Optional.empty();
    private Optional<String> knownPlan = Optional.empty();
    private String resourceType = "";
    private String interaction = "";

    public FhirProxy(KeycloakSession session, String alias) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.alias = alias;
        this.problems = new ProblemResponses(realm.getName());
    }

    /**
     * @param rawPath what follows {@code fhir/{alias}/}, still percent-encoded
     * @param head whether the app sent {@code HEAD}: same checks and status, no body
     */
    public Response forward(String rawPath, String rawQuery, String formBody,
                            Function<String, String> appHeader, boolean head) {
        Response response;
        Optional<String> error = Optional.empty();
        try {
            response = forwardChecked(rawPath, rawQuery, formBody, appHeader, head);
        } catch (FhirProblemException e) {
            response = problems.of(e.problem());
            error = Optional.of(errorCode(e.problem()));
        }
        if (response.getStatus() >= 400 && error.isEmpty()) {
            error = Optional.of("plan_" + response.getStatus());
        }
        if (caller.isEmpty()) {
            ApiCors.forAnyone(); // so a browser app can read why it was refused
        }
        audit(response.getStatus(), error);
        return response;
    }

    /** Refuses a write with 405 and the methods allowed, whoever asks: no write ever reaches a plan. */
    public Response refuseWrite(String method) {
        FhirProblem problem = new FhirProblem(405, "not-supported", "This FHIR proxy is read-only: " + method
            + " is not allowed. Use GET or HEAD, or POST [type]/_search with a form-encoded body.");
        audit(405, Optional.of("method_not_allowed"));
        return problems.builder(problem).header("Allow", "GET, HEAD, POST").build();
    }

    private Response forwardChecked(String rawPath, String rawQuery, String formBody,
                                    Function<String, String> appHeader, boolean head) throws FhirProblemException {
        AuthResult app = BearerCaller.authenticate(session);
        caller = Optional.of(app);
        ApiCors.forCaller(app.token());
        PayerIdentityProviderConfig plan = plan();
        String proxyBase = ProxyUrls.fhirBase(session, alias);
        FhirRequest request = new FhirRequestParser(R4.context().getResourceTypes(), proxyBase,
            plan.fhirBaseUrl().orElseThrow()).parse(rawPath, rawQuery, formBody);
        resourceType = request.type().orElse("");
        interaction = request.interaction().code();
        StoredPayerToken stored = storedToken(app);
        ScopePolicy policy = ScopePolicy.of(app.token().getScope(), stored.scope(), plan.allowedResourceTypes());
        check(request, policy);
        PlanAnswer answer = call(plan, request, app, stored, appHeader);
        return respond(answer, new FhirJsonRewriter(plan.fhirBaseUrl().orElseThrow(), proxyBase, policy::mayReturn),
            head);
    }

    private PayerIdentityProviderConfig plan() throws FhirProblemException {
        PayerIdentityProviderConfig plan = PayerPlans.enabled(session, alias).orElseThrow(() -> new FhirProblemException(
            404, "not-found", "Realm " + realm.getName() + " has no enabled health plan '" + alias + "'. GET /realms/"
                + realm.getName() + "/payer-access/payers lists them."));
        knownPlan = Optional.of(alias);
        return plan;
    }

    private StoredPayerToken storedToken(AuthResult app) throws FhirProblemException {
        FederatedIdentityModel link = session.users().getFederatedIdentity(realm, app.user(), alias);
        if (link == null) {
            throw new FhirProblemException(404, "not-found", "The user has not linked plan " + alias + ". Send them to "
                + linkUrl(app) + " (add your redirect_uri) to link it.");
        }
        return new StoredTokenCipher(session, realm).decrypt(link.getToken()).orElseThrow(() -> relinkRequired(app));
    }

    private void check(FhirRequest request, ScopePolicy policy) throws FhirProblemException {
        if (request.type().isPresent()) {
            Optional<String> refusal = policy.refusal(request.type().get(), request.access());
            if (refusal.isPresent()) {
                throw new FhirProblemException(403, "forbidden", refusal.get());
            }
        }
        new SearchReach(new HapiReferenceTargets(R4.context())).check(request, policy);
    }

    /** Sends the read with a usable token; a 401 from the plan earns one renewal and one retry. */
    private PlanAnswer call(PayerIdentityProviderConfig plan, FhirRequest request, AuthResult app,
                            StoredPayerToken stored, Function<String, String> appHeader) throws FhirProblemException {
        PayerTokenService tokens = new PayerTokenService(session, realm, plan);
        String token = tokens.accessToken(app.user(), Optional.of(stored)).orElseThrow(() -> relinkRequired(app));
        PlanFhirCall http = new PlanFhirCall(session, alias, plan.upstreamTimeoutMs());
        String url = request.planUrl(plan.fhirBaseUrl().orElseThrow());
        Map<String, String> headers = forwardedHeaders(appHeader);
        PlanAnswer answer = http.get(url, token, headers);
        if (answer.status() != 401) {
            return answer;
        }
        closeQuietly(answer);
        String renewed = tokens.renewAfterRejection(app.user(), token).orElseThrow(() -> relinkRequired(app));
        answer = http.get(url, renewed, headers);
        if (answer.status() == 401) {
            closeQuietly(answer);
            throw new FhirProblemException(502, "security", "Plan " + alias + " rejected a freshly renewed token; "
                + "the plan may have revoked this app's access. Relinking the plan may help: " + linkUrl(app));
        }
        return answer;
    }

    private Response respond(PlanAnswer answer, FhirJsonRewriter rewriter, boolean head)
        throws FhirProblemException {
        int status = answer.status();
        if (status == 304) {
            closeQuietly(answer);
            return withPlanHeaders(Response.notModified(), answer).build();
        }
        boolean passesThrough = status >= 200 && status < 300 || status >= 400 && status < 500;
        if (!passesThrough || !answer.isJson()) {
            closeQuietly(answer);
            throw new FhirProblemException(502, "exception", "Plan " + alias + " answered HTTP " + status
                + (passesThrough ? " without FHIR JSON" : "") + "; its answer is not passed on. Retry later.");
        }
        JsonParser body = openDocument(answer);
        Response.ResponseBuilder response = withPlanHeaders(Response.status(status), answer)
            .type(OperationOutcomeWriter.FHIR_JSON + ";charset=utf-8")
            .header("Cache-Control", "private, no-cache");
        if (head) {
            closeQuietly(answer);
            return response.build();
        }
        return response.entity(stream(answer, body, rewriter)).build();
    }

    /** Reads the first token before anything is sent, so a plan answering non-JSON is a 502, not a broken 200. */
    private JsonParser openDocument(PlanAnswer answer) throws FhirProblemException {
        try {
            JsonParser parser = JSON.createParser(answer.body());
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                return parser;
            }
        } catch (IOException e) {
            // falls through to the 502 below; the plan's bytes are not echoed
        }
        closeQuietly(answer);
        throw new FhirProblemException(502, "exception", "Plan " + alias + " answered HTTP " + answer.status()
            + " with a body that is not a FHIR JSON resource; it is not passed on. Retry later.");
    }

    /**
     * The body, rewritten token by token while the plan sends it. A failure mid-stream (the plan cuts the
     * connection, sends broken JSON) can no longer change the status: the response is aborted, so the
     * app sees a truncated body it cannot mistake for a complete one.
     */
    private static StreamingOutput stream(PlanAnswer answer, JsonParser body, FhirJsonRewriter rewriter) {
        return out -> {
            try (PlanAnswer closing = answer; JsonParser in = body;
                 JsonGenerator generator = JSON.createGenerator(out)) {
                rewriter.copy(in, generator);
            }
        };
    }

    private static Response.ResponseBuilder withPlanHeaders(Response.ResponseBuilder response, PlanAnswer answer) {
        for (String name : RETURNED_HEADERS) {
            answer.header(name).ifPresent(value -> response.header(name, value));
        }
        return response;
    }

    private static Map<String, String> forwardedHeaders(Function<String, String> appHeader) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : FORWARDED_HEADERS) {
            Optional.ofNullable(appHeader.apply(name)).ifPresent(value -> headers.put(name, value));
        }
        return headers;
    }

    private FhirProblemException relinkRequired(AuthResult app) {
        return new FhirProblemException(409, "conflict", "relink-required: plan " + alias + " no longer accepts the "
            + "member's stored authorization. Send the member to " + linkUrl(app) + " (add your redirect_uri) to "
            + "link the plan again.");
    }

    private String linkUrl(AuthResult app) {
        return new PayerLinks(session, realm).linkUrl(alias, app.client().getClientId());
    }

    private void audit(int status, Optional<String> error) {
        new ProxyAudit(session, realm).record(new ProxiedRequest(caller.map(AuthResult::user),
            caller.map(AuthResult::client), caller.map(AuthResult::session), knownPlan, resourceType, interaction,
            status, Duration.ofNanos(System.nanoTime() - started), error));
    }

    private static String errorCode(FhirProblem problem) {
        switch (problem.status()) {
            case 400: return "invalid_request";
            case 401: return "invalid_token";
            case 403: return "scope_refused";
            case 404: return "not_found";
            case 409: return "relink_required";
            case 504: return "plan_timeout";
            default: return "plan_error";
        }
    }

    private static void closeQuietly(PlanAnswer answer) {
        try {
            answer.close();
        } catch (IOException e) {
            // the connection is discarded either way
        }
    }
}
