package dev.payeraccess.sandbox.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The switches tests flip to make the sandbox behave like a slow, failing or unusual health plan, and
 * the record of what it received. Thread-safe; {@link #reset()} returns everything to normal.
 */
public final class SandboxControls {

    /** Requests kept for inspection; older ones are dropped (the counters keep counting). */
    private static final int REQUEST_HISTORY = 2_000;
    /** Key of the FHIR request's user data telling the providers to page as {@link #serverSidePaging(boolean)} says. */
    public static final String SERVER_SIDE_PAGING = "payer-sandbox.server-side-paging";

    private final Map<Area, Duration> latency = new EnumMap<>(Area.class);
    private final Map<Area, Duration> answerDelay = new EnumMap<>(Area.class);
    private final Map<String, Duration> pathLatency = new LinkedHashMap<>();
    private final Map<Area, FaultPlan> faults = new EnumMap<>(Area.class);
    private final Map<Area, AtomicInteger> counts = new EnumMap<>(Area.class);
    private final Deque<ReceivedRequest> history = new ConcurrentLinkedDeque<>();
    private final AtomicLong largeBundleBytes = new AtomicLong();

    private volatile boolean refuseRefreshes;
    private volatile boolean serverSidePaging;
    private volatile boolean smartConfigurationPublished = true;
    private volatile boolean patientContextSent = true;
    private volatile Duration accessTokenLifetime = Duration.ofHours(1);

    private record FaultPlan(Fault fault, int remaining) {
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
    public SandboxControls refuseRefreshes(boolean refuse) {
        this.refuseRefreshes = refuse;
        return this;
    }

    public boolean refusesRefreshes() {
        return refuseRefreshes;
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

    /** The {@code expires_in} of access tokens issued from now on. */
    public SandboxControls accessTokenLifetime(Duration lifetime) {
        this.accessTokenLifetime = lifetime;
        return this;
    }

    public Duration accessTokenLifetime() {
        return accessTokenLifetime;
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

    public void record(ReceivedRequest request) {
        counts.get(request.area()).incrementAndGet();
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

    /** The most recent requests to {@code area}, oldest first. */
    public List<ReceivedRequest> requests(Area area) {
        List<ReceivedRequest> result = new ArrayList<>();
        for (ReceivedRequest r : history) {
            if (r.area() == area) {
                result.add(r);
            }
        }
        return result;
    }

    /** Back to a well-behaved plan: no latency, delayed answers, faults or refusals; counters and history cleared. */
    public synchronized void reset() {
        latency.clear();
        answerDelay.clear();
        pathLatency.clear();
        faults.clear();
        counts.values().forEach(c -> c.set(0));
        history.clear();
        largeBundleBytes.set(0);
        nextLinksOnSecondHost = false;
        offsetPagingParameter = Optional.empty();
        refuseRefreshes = false;
        serverSidePaging = false;
        smartConfigurationPublished = true;
        patientContextSent = true;
        accessTokenLifetime = Duration.ofHours(1);
    }
}
