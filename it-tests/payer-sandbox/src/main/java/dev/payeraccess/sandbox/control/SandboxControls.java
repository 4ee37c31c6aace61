package dev.payeraccess.sandbox.control;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The switches tests flip to make the sandbox behave like a slow, failing or unusual health plan, and
 * the record of what it received. Thread-safe; {@link #reset()} returns everything to normal.
 */
public final class SandboxControls {

    /** Requests kept for inspection; older ones are dropped (the counters keep counting). */
    private static final int REQUEST_HISTORY = 2_000;
    /** Key of the FHIR request's user data telling the providers to page as {@link #serverSidePaging(boolean)} says. */
    public static final String SERVER_SIDE_PAGING = "payer-sandbox.server-side-paging";
    /** Key of the FHIR request's user data telling whether {@code Patient/[id]/$everything} is served now. */
    public static final String EVERYTHING_OPERATION = "payer-sandbox.everything-operation";

    private final Map<Area, Duration> latency = new EnumMap<>(Area.class);
    private final Map<Area, Duration> answerDelay = new EnumMap<>(Area.class);
    private final Map<String, Duration> pathLatency = new LinkedHashMap<>();
    private final Map<String, Duration> hostLatency = new LinkedHashMap<>();
    private final Map<String, Fault> hostFaults = new LinkedHashMap<>();
    private final Map<Area, FaultPlan> faults = new EnumMap<>(Area.class);
    private final Map<Area, AtomicInteger> counts = new EnumMap<>(Area.class);
    private final Deque<ReceivedRequest> history = new ConcurrentLinkedDeque<>();
    private final AtomicLong largeBundleBytes = new AtomicLong();
    private final Map<String, ServedDocument> servedDocuments = new ConcurrentHashMap<>();
    private final Map<String, URI> clientJwksUrls = new ConcurrentHashMap<>();
    private final AtomicReference<Optional<String>> lastClientAssertionAlg = new AtomicReference<>(Optional.empty());

    private volatile boolean refuseRefreshes;
    private volatile boolean serverSidePaging;
    private volatile boolean priorAuthorizationProfileDeclared;
    private volatile boolean smartConfigurationPublished = true;
    private volatile boolean patientContextSent = true;
    private volatile boolean idTokenIssued = true;
    private volatile boolean refreshTokensIssued = true;
    private volatile Duration accessTokenLifetime = Duration.ofHours(1);
    private volatile Optional<Duration> grantLifetime = Optional.empty();
    private volatile boolean grantEndAnnounced;
    private volatile Optional<Duration> refreshTokenIdleLifetime = Optional.empty();
    private volatile AudienceRule audience = AudienceRule.OPTIONAL;
    private volatile boolean wildcardScopesRefused;
    private volatile boolean severalPatientsPerLogin;
    private volatile boolean dependentsRecords;
    private volatile ClientAuthMethod clientAuthentication = ClientAuthMethod.ANY;
    private volatile boolean everythingOperation;
    private volatile Optional<String> anonymousCallersToken = Optional.empty();

    private record FaultPlan(Fault fault, int remaining) {
    }

    /** A document a test made up, served as the answer to a path. */
    public record ServedDocument(String contentType, byte[] body) {
    }

    public SandboxControls() {
        for (Area area : Area.values()) {
            counts.put(area, new AtomicInteger());
        }
    }

    /** Delays every request to {@code area} by {@code delay} before it is answered. */
    public synchronized SandboxControls latency(Area area, Duration delay) {
        latency.put(area, delay);
        return this;
    }

    /**
     * Delays requests whose path starts with {@code pathPrefix} (e.g. {@code /r4/Coverage}) by {@code delay}:
     * one slow resource while the rest of the plan answers at once.
     */
    public synchronized SandboxControls latency(String pathPrefix, Duration delay) {
        pathLatency.put(pathPrefix, delay);
        return this;
    }

    /**
     * Delays the two documents a health probe reads, SMART discovery ({@code /r4/.well-known/smart-configuration})
     * and the CapabilityStatement ({@code /r4/metadata}), by {@code delay}: a plan server as slow as real ones
     * (0.2 to 2 s) for a probe round, while members' reads answer at once.
     */
    public SandboxControls probeLatency(Duration delay) {
        return latency("/r4/.well-known/smart-configuration", delay).latency("/r4/metadata", delay);
    }

    /** The delay for a request to {@code path} of {@code area}: the longer of the area's and the path's. */
    public synchronized Duration latency(Area area, String path) {
        Duration delay = latency(area);
        for (Map.Entry<String, Duration> slow : pathLatency.entrySet()) {
            if (path.startsWith(slow.getKey()) && slow.getValue().compareTo(delay) > 0) {
                delay = slow.getValue();
            }
        }
        return delay;
    }

    public synchronized Duration latency(Area area) {
        return latency.getOrDefault(area, Duration.ZERO);
    }

    /**
     * Holds every answer of {@code area} for {@code delay} after the endpoint acted on the request: unlike
     * {@link #latency(Area, Duration)}, the plan has already done its part (issued, rotated or revoked a
     * token) when the client starts waiting, as with a plan whose answers are slow on the way back.
     */
    public synchronized SandboxControls answerDelay(Area area, Duration delay) {
        answerDelay.put(area, delay);
        return this;
    }

    public synchronized Duration answerDelay(Area area) {
        return answerDelay.getOrDefault(area, Duration.ZERO);
    }

    /**
     * Answers every request to exactly {@code path} (e.g. {@code /r4/metadata}) with 200 and {@code body} until
     * {@link #reset()}, as a plan that sends whatever it likes: a huge, deeply nested or malformed document.
     */
    public SandboxControls serveDocument(String path, String contentType, byte[] body) {
        servedDocuments.put(path, new ServedDocument(contentType, body.clone()));
        return this;
    }

    /** What {@link #serveDocument} set for {@code path}. */
    public Optional<ServedDocument> servedDocument(String path) {
        return Optional.ofNullable(servedDocuments.get(path));
    }

    /**
     * Delays every FHIR request that addressed the sandbox by the host name {@code host} (e.g. {@code 127.0.0.1},
     * while requests to {@code localhost} answer at once): two plans on one sandbox, their FHIR bases spelled with
     * the two names, one of them slow.
     */
    public synchronized SandboxControls fhirLatencyAtHost(String host, Duration delay) {
        hostLatency.put(host, delay);
        return this;
    }

    public synchronized Duration fhirLatencyAtHost(String host) {
        return hostLatency.getOrDefault(host, Duration.ZERO);
    }

    /** Answers every FHIR request that addressed the sandbox by {@code host} with {@code fault} until reset. */
    public synchronized SandboxControls failFhirAtHost(String host, Fault fault) {
        hostFaults.put(host, fault);
        return this;
    }

    public synchronized Optional<Fault> fhirFaultAtHost(String host) {
        return Optional.ofNullable(hostFaults.get(host));
    }

    /** Answers the next {@code times} requests to {@code area} with {@code fault}. */
    public synchronized SandboxControls failNext(Area area, int times, Fault fault) {
        faults.put(area, new FaultPlan(fault, times));
        return this;
    }

    /** Answers every request to {@code area} with {@code fault} until {@link #reset()}. */
    public synchronized SandboxControls failAlways(Area area, Fault fault) {
        faults.put(area, new FaultPlan(fault, Integer.MAX_VALUE));
        return this;
    }

    /** Takes the fault planned for the current request to {@code area}, if any. */
    public synchronized Optional<Fault> takeFault(Area area) {
        FaultPlan plan = faults.get(area);
        if (plan == null) {
            return Optional.empty();
        }
        if (plan.remaining() <= 1) {
            faults.remove(area);
        } else if (plan.remaining() != Integer.MAX_VALUE) {
            faults.put(area, new FaultPlan(plan.fault(), plan.remaining() - 1));
        }
        return Optional.of(plan.fault());
    }

    /** When on, every {@code refresh_token} grant is answered with {@code invalid_grant}. */
    /**
     * Takes a FHIR request that brings no bearer token as one that brings {@code token}, until {@link #reset()}: for
     * a gateway put in front of the sandbox that calls it with no credentials of its own (the benchmark measures
     * google/fhir-gateway that way). Requests with a token are checked as always.
     */
    public SandboxControls admitAnonymousAs(String token) {
        anonymousCallersToken = Optional.of(token);
        return this;
    }

    /** Ends {@link #admitAnonymousAs}: a request without a bearer token is refused again. */
    public SandboxControls refuseAnonymous() {
        anonymousCallersToken = Optional.empty();
        return this;
    }

    /** What {@link #admitAnonymousAs} set. */
    public Optional<String> anonymousCallersToken() {
        return anonymousCallersToken;
    }

    public SandboxControls refuseRefreshes(boolean refuse) {
        this.refuseRefreshes = refuse;
        return this;
    }

    public boolean refusesRefreshes() {
        return refuseRefreshes;
    }

    /**
     * How the token and revocation endpoints authenticate clients; see {@link ClientAuthMethod} for the plans
     * each imitates. A request authenticated another way gets HTTP 401
     * {@code {"error":"invalid_client","error_description":"This plan authenticates clients with ..."}}.
     * {@link ClientAuthMethod#ANY} by default.
     */
    public SandboxControls clientAuthentication(ClientAuthMethod method) {
        this.clientAuthentication = method;
        return this;
    }

    public ClientAuthMethod clientAuthentication() {
        return clientAuthentication;
    }

    /**
     * Registers where {@code clientId} publishes its public keys (a JWKS, such as a Keycloak realm's
     * {@code .../protocol/openid-connect/certs}), so it can authenticate with {@code private_key_jwt} as SMART
     * App Launch's asymmetric client authentication does. Without it, a client assertion is refused with
     * {@code invalid_client}. Cleared by {@link #reset()}, like every switch: register again after it.
     */
    public SandboxControls clientJwksUrl(String clientId, URI jwksUrl) {
        clientJwksUrls.put(clientId, jwksUrl);
        return this;
    }

    public Optional<URI> clientJwksUrl(String clientId) {
        return Optional.ofNullable(clientJwksUrls.get(clientId));
    }

    /** The {@code alg} of the last client assertion the plan accepted (RS256, RS384, ES256 or ES384). */
    public Optional<String> lastClientAssertionAlg() {
        return lastClientAssertionAlg.get();
    }

    /** Called by the token and revocation endpoints when a client assertion verified. */
    public void recordClientAssertionAlg(String alg) {
        lastClientAssertionAlg.set(Optional.of(alg));
    }

    /** Whether {@code {fhirBase}/.well-known/smart-configuration} is served (real plans may not publish it). */
    public SandboxControls smartConfigurationPublished(boolean published) {
        this.smartConfigurationPublished = published;
        return this;
    }

    public boolean smartConfigurationPublished() {
        return smartConfigurationPublished;
    }

    /**
     * How the authorization endpoint treats SMART's {@code aud}; see {@link AudienceRule} for the plans each rule
     * imitates. {@link AudienceRule#OPTIONAL} by default.
     */
    public SandboxControls audience(AudienceRule rule) {
        this.audience = rule;
        return this;
    }

    public AudienceRule audience() {
        return audience;
    }

    /**
     * When on, the authorization endpoint refuses wildcard resource scopes ({@code patient/*.read},
     * {@code user/*.read}, {@code patient/*.rs}, {@code patient/*.*} ...) and grants no default scope, as plans
     * do that want each resource type consented one by one. The app is sent back {@code error=invalid_scope}
     * with a description asking for per-resource scopes such as {@code patient/Coverage.read}; granular v1
     * ({@code .read}) and v2 ({@code .rs}) scopes are granted as asked. Off by default.
     */
    public SandboxControls wildcardScopesRefused(boolean refused) {
        this.wildcardScopesRefused = refused;
        return this;
    }

    public boolean wildcardScopesRefused() {
        return wildcardScopesRefused;
    }

    /**
     * Whether token responses carry SMART's {@code patient}; plans that leave it out make clients find the
     * member through the id_token or a Patient search.
     */
    public SandboxControls patientContextSent(boolean sent) {
        this.patientContextSent = sent;
        return this;
    }

    public boolean patientContextSent() {
        return patientContextSent;
    }

    /**
     * Whether token answers carry an OpenID Connect {@code id_token} when the app asked for {@code openid}
     * (on by default). Off imitates plans that ignore {@code openid}: with {@link #patientContextSent(boolean)}
     * off as well, the answer names no member at all and the client must search {@code Patient} to find out
     * whose data it holds.
     */
    public SandboxControls idTokenIssued(boolean issued) {
        this.idTokenIssued = issued;
        return this;
    }

    public boolean idTokenIssued() {
        return idTokenIssued;
    }

    /**
     * Whether token answers carry a {@code refresh_token} (on by default). On, refresh tokens are one-time, as
     * at CMS Blue Button 2.0: every refresh answers a new one and the one used is spent, so using it again
     * fails with {@code invalid_grant}. Off imitates plans that issue none at all, neither with the code nor
     * on refresh: the client's only way to more data after {@code expires_in} is to send the member through
     * the plan's login again.
     */
    public SandboxControls refreshTokensIssued(boolean issued) {
        this.refreshTokensIssued = issued;
        return this;
    }

    public boolean refreshTokensIssued() {
        return refreshTokensIssued;
    }

    /**
     * When on, a member's token sees their household: a {@code Patient} search answers a searchset with the
     * member's dependents (a child with its own Patient id, listed before the member) besides the member, as
     * at plans where a subscriber's login covers the family. With {@link #patientContextSent(boolean)} and
     * {@link #idTokenIssued(boolean)} off as well, nothing tells the client which Patient is the member; it
     * must ask the member or refuse, not take the first. Only the dependents' Patient records are served.
     * Applies to tokens already issued. Off by default.
     */
    public SandboxControls severalPatientsPerLogin(boolean on) {
        this.severalPatientsPerLogin = on;
        return this;
    }

    public boolean severalPatientsPerLogin() {
        return severalPatientsPerLogin;
    }

    /**
     * With {@link #severalPatientsPerLogin(boolean)} on: the dependents also have a Coverage of their own, in which the
     * member is subscriber and policy holder, and a claim paid to the member (payee), so
     * {@code Coverage?subscriber=Patient/{member}} and {@code ExplanationOfBenefit?payee=Patient/{member}} find a
     * dependent's records, as at plans that grant the member access to the family's. Applies to tokens already
     * issued. Off by default.
     */
    public SandboxControls dependentsRecords(boolean on) {
        this.dependentsRecords = on;
        return this;
    }

    public boolean dependentsRecords() {
        return dependentsRecords;
    }

    /** The {@code expires_in} of access tokens issued from now on. */
    public SandboxControls accessTokenLifetime(Duration lifetime) {
        this.accessTokenLifetime = lifetime;
        return this;
    }

    public Duration accessTokenLifetime() {
        return accessTokenLifetime;
    }

    /**
     * Ends every grant (the token family one code started) {@code lifetime} after the member approved it, on
     * the {@link SandboxClock}: CMS Blue Button 2.0 ends a grant after 13 months, other plans cap the
     * authorization period too. Once a grant is that old, a refresh answers {@code invalid_grant} saying the
     * authorization period ended, and its access tokens answer FHIR 401 ({@code invalid_token}) even before
     * their own {@code expires_in}; tokens issued near the end get an {@code expires_in} that stops there.
     * Applies to grants already issued, so a test can set it after the member connected. Off by default.
     */
    public SandboxControls grantLifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("A grant lifetime must be positive, not " + lifetime);
        }
        this.grantLifetime = Optional.of(lifetime);
        return this;
    }

    /** How long grants last, or empty when they last until revoked (the default). */
    public Optional<Duration> grantLifetime() {
        return grantLifetime;
    }

    /**
     * When on, token answers of grants that end ({@link #grantLifetime}) say when, as CMS Blue Button 2.0 does:
     * {@code "access_grant_expiration": "2026-09-05 19:17:53Z"}. Off by default, as at most plans.
     */
    public SandboxControls grantEndAnnounced(boolean announced) {
        this.grantEndAnnounced = announced;
        return this;
    }

    public boolean grantEndAnnounced() {
        return grantEndAnnounced;
    }

    /**
     * Refresh tokens lapse when unused for {@code lifetime} on the {@link SandboxClock}, as at plans with an idle
     * lifetime (Keycloak's "SSO Session Idle"): a refresh with one issued longer ago answers {@code invalid_grant}, and
     * token answers carry {@code refresh_expires_in}. Applies to refresh tokens already issued. Off by default.
     */
    public SandboxControls refreshTokenIdleLifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("A refresh token idle lifetime must be positive, not " + lifetime);
        }
        this.refreshTokenIdleLifetime = Optional.of(lifetime);
        return this;
    }

    /** How long refresh tokens stay valid unused, or empty when they do not lapse (the default). */
    public Optional<Duration> refreshTokenIdleLifetime() {
        return refreshTokenIdleLifetime;
    }

    /**
     * When positive, an {@code ExplanationOfBenefit} search answers with a generated searchset of about
     * this many bytes, streamed as it is generated.
     */
    public SandboxControls serveLargeBundles(long approximateBytes) {
        largeBundleBytes.set(approximateBytes);
        return this;
    }

    public long largeBundleBytes() {
        return largeBundleBytes.get();
    }

    /**
     * Pages searches the way HAPI FHIR servers (and the plans built on them, 1upHealth's among them) do by
     * default: the search is kept on the server and {@code next} links point at the base with
     * {@code ?_getpages={id}&_getpagesoffset=...}, which any caller holding a token of the plan can fetch.
     * Off: stateless {@code _offset} links on the type.
     */
    public SandboxControls serverSidePaging(boolean on) {
        this.serverSidePaging = on;
        return this;
    }

    public boolean serverSidePaging() {
        return serverSidePaging;
    }

    /**
     * Declares the Da Vinci PDex prior-authorization profile on ExplanationOfBenefit in the plan's CapabilityStatement
     * ({@code supportedProfile}), as a plan does that lets members find prior authorizations by {@code _profile}.
     * Off (the default): the plan serves prior authorizations all the same, and answers {@code _profile}, but does
     * not say so.
     */
    public SandboxControls priorAuthorizationProfileDeclared(boolean declared) {
        this.priorAuthorizationProfileDeclared = declared;
        return this;
    }

    public boolean priorAuthorizationProfileDeclared() {
        return priorAuthorizationProfileDeclared;
    }

    // --- Paging quirks of real plans (issue 14). Kept together, fields included, so parallel work merges cleanly.

    private volatile boolean nextLinksOnSecondHost;
    private volatile Optional<String> offsetPagingParameter = Optional.empty();

    /**
     * Writes the paging links of searchsets ({@code next}, {@code previous}, {@code first}, {@code last}) on the
     * plan's second host ({@code PlanUrls#pagingHostBase()}, another port of the sandbox that serves the same FHIR
     * API with the same tokens), as plans do whose API gateway or CDN serves the pages of a search while the FHIR
     * base stays on another host. Resources keep their {@code fullUrl}s on the FHIR base, wherever they are served
     * from. Off: paging links on the FHIR base.
     */
    public SandboxControls nextLinksOnSecondHost(boolean on) {
        this.nextLinksOnSecondHost = on;
        return this;
    }

    public boolean nextLinksOnSecondHost() {
        return nextLinksOnSecondHost;
    }

    /**
     * Pages searches by the query parameter {@code parameterName} (e.g. {@code startIndex} or
     * {@code _getpagesoffset}) instead of {@code _offset}, and answers with {@code Bundle.total} but without
     * {@code next} or {@code previous} links, as plans do whose paging links are missing or unusable and whose
     * developer documentation says to page with an offset parameter. {@code _offset} itself is then ignored, as
     * such a plan would. {@code null} turns it off.
     */
    public SandboxControls offsetPaging(String parameterName) {
        this.offsetPagingParameter = Optional.ofNullable(parameterName).filter(name -> !name.isBlank());
        return this;
    }

    /** The offset parameter while {@link #offsetPaging(String)} is on. */
    public Optional<String> offsetPagingParameter() {
        return offsetPagingParameter;
    }

    // --- End of the paging quirks.

    // --- Connections ended as real infrastructure ends them (issue 26). Kept together, fields included.

    private volatile Optional<IdleLimit> idleLimit = Optional.empty();
    private volatile int closeReusedOnArrivalEvery;
    private final AtomicInteger connectionsEnded = new AtomicInteger();
    private final AtomicInteger requestsUnanswered = new AtomicInteger();

    /**
     * Ends keep-alive connections that stay idle for {@code after} between an answer and the next request on them:
     * with {@link IdleClose#TOLD} the sandbox closes them (FIN) when the time is up, with {@link IdleClose#SILENT}
     * it forgets them without a word and resets the next request that arrives on one, unanswered. Applies to every
     * endpoint and to connections already open. Off by default (Jetty's own 30 s idle timeout, told, applies).
     */
    public SandboxControls closeIdleConnections(Duration after, IdleClose how) {
        this.idleLimit = Optional.of(new IdleLimit(after, how));
        return this;
    }

    public Optional<IdleLimit> idleLimit() {
        return idleLimit;
    }

    /**
     * Closes a connection just as a request arrives on it, without answering, for every {@code everyNth} request
     * that arrives on a connection which already carried one (1: every such request): the race a client loses when
     * the server ends a keep-alive connection at the moment the client reuses it. The request is never processed and
     * not recorded; the first request of a new connection is always answered. 0 turns it off (the default).
     */
    public SandboxControls closeReusedConnectionsOnArrival(int everyNth) {
        if (everyNth < 0) {
            throw new IllegalArgumentException("everyNth must be 0 (off) or positive, not " + everyNth);
        }
        this.closeReusedOnArrivalEvery = everyNth;
        return this;
    }

    public int closeReusedOnArrivalEvery() {
        return closeReusedOnArrivalEvery;
    }

    /** Called when the sandbox ended a connection: idle ({@code unanswered} false) or as a request arrived on it. */
    public void connectionEnded(boolean unanswered) {
        connectionsEnded.incrementAndGet();
        if (unanswered) {
            requestsUnanswered.incrementAndGet();
        }
    }

    /** Connections the sandbox ended by these switches since start or the last {@link #reset()}. */
    public int connectionsEnded() {
        return connectionsEnded.get();
    }

    /** Requests that arrived on a connection the sandbox then ended instead of answering: none was processed. */
    public int requestsUnanswered() {
        return requestsUnanswered.get();
    }

    // --- End of the connection endings.

    /**
     * Keeps {@code request}. Reads of the plan's CapabilityStatement and SMART discovery document are kept apart
     * ({@link #discoveryRequests()}): they carry no member's token, and Keycloak's health probes send them in the
     * background, so they are not counted among the requests a test expects a member's read to cause.
     */
    public void record(ReceivedRequest request) {
        if (!request.discovery()) {
            counts.get(request.area()).incrementAndGet();
        }
        history.addLast(request);
        while (history.size() > REQUEST_HISTORY) {
            history.pollFirst();
        }
    }

    /** How many requests {@code area} has received since start or the last {@link #reset()}. */
    public int requestCount(Area area) {
        return counts.get(area).get();
    }

    public int totalRequestCount() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The most recent requests to {@code area}, oldest first, without the discovery reads. */
    public List<ReceivedRequest> requests(Area area) {
        List<ReceivedRequest> result = new ArrayList<>();
        for (ReceivedRequest r : history) {
            if (r.area() == area && !r.discovery()) {
                result.add(r);
            }
        }
        return result;
    }

    /** The most recent reads of the plan's CapabilityStatement and SMART discovery document, oldest first. */
    public List<ReceivedRequest> discoveryRequests() {
        return history.stream().filter(ReceivedRequest::discovery).toList();
    }

    /**
     * Declares {@code Patient/[id]/$everything} in the CapabilityStatement and serves it, as some plans' APIs do
     * (those on HAPI FHIR's JPA server among them). Off, as by default: the statement does not declare it, and a
     * call is refused as by a server without it (400).
     */
    public SandboxControls everythingOperation(boolean on) {
        this.everythingOperation = on;
        return this;
    }

    public boolean everythingOperation() {
        return everythingOperation;
    }

    /** Back to a well-behaved plan: no latency, delayed answers, faults or refusals; counters and history cleared. */
    public synchronized void reset() {
        anonymousCallersToken = Optional.empty();
        latency.clear();
        answerDelay.clear();
        pathLatency.clear();
        hostLatency.clear();
        hostFaults.clear();
        faults.clear();
        counts.values().forEach(c -> c.set(0));
        history.clear();
        largeBundleBytes.set(0);
        servedDocuments.clear();
        nextLinksOnSecondHost = false;
        offsetPagingParameter = Optional.empty();
        idleLimit = Optional.empty();
        closeReusedOnArrivalEvery = 0;
        connectionsEnded.set(0);
        requestsUnanswered.set(0);
        refuseRefreshes = false;
        serverSidePaging = false;
        priorAuthorizationProfileDeclared = false;
        smartConfigurationPublished = true;
        patientContextSent = true;
        idTokenIssued = true;
        refreshTokensIssued = true;
        accessTokenLifetime = Duration.ofHours(1);
        grantLifetime = Optional.empty();
        grantEndAnnounced = false;
        refreshTokenIdleLifetime = Optional.empty();
        audience = AudienceRule.OPTIONAL;
        wildcardScopesRefused = false;
        severalPatientsPerLogin = false;
        dependentsRecords = false;
        clientAuthentication = ClientAuthMethod.ANY;
        everythingOperation = false;
        clientJwksUrls.clear();
        lastClientAssertionAlg.set(Optional.empty());
    }
}
