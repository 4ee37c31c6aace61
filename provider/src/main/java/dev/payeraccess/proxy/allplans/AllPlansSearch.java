package dev.payeraccess.proxy.allplans;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.payeraccess.api.ApiCors;
import dev.payeraccess.api.BearerCaller;
import dev.payeraccess.api.PublicUrls;
import dev.payeraccess.broker.RealmPlans;
import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.fhir.OperationOutcomeWriter;
import dev.payeraccess.fhir.ProblemResponses;
import dev.payeraccess.proxy.KeycloakProxySteps;
import dev.payeraccess.proxy.PreparedRead;
import dev.payeraccess.proxy.limits.ProxyLimits;
import dev.payeraccess.proxy.request.ProxyRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * One page of {@code GET fhir/_all/{type}}, or of {@code GET fhir/_all/Patient/$everything}: everything that needs
 * the session is done on the request thread first (the caller, the member's linked plans, each plan's single-plan
 * checks and token, see {@link KeycloakProxySteps#prepared}); the plans are then read at once on Keycloak's executor
 * threads, which never touch the session, and merged into one streamed searchset on the request thread, which then
 * keeps the cursor and records each plan's audit event. {@code $everything}'s plans are interleaved as they stream,
 * never sorted: each plan's own operation (forwarded or emulated) already pages its types one after another.
 */
final class AllPlansSearch {

    /** The threads plans are read on: Keycloak's own executor of this name, one per node. */
    static final String THREADS = "payer-access-all-plans";
    /** What a cursor of {@code $everything} across plans reads, in place of a searched type. */
    static final String EVERYTHING = KeycloakProxySteps.LINKED_PATIENT_EVERYTHING;
    private static final Pattern RESOURCE_TYPE = Pattern.compile("[A-Z][A-Za-z]{1,63}");
    private static final JsonFactory JSON = new JsonFactory();
    private static final Logger LOG = Logger.getLogger(AllPlansSearch.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PublicUrls urls;

    AllPlansSearch(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.urls = new PublicUrls(session);
    }

    /** One prepared plan, or why it is not read. */
    private record Asked(PlanName plan, CrossPlanCursor.Position position, Optional<PreparedRead> read,
                         Optional<FhirProblem> refused) {
    }

    Response search(String type, Optional<String> rawQuery) {
        return answer(type, rawQuery, false);
    }

    /**
     * {@code Patient/$everything} at every plan the member linked, each on the member's own patient there (ids differ
     * per plan, so the operation is asked at type level), its plans' Bundles interleaved as they stream.
     */
    Response everything(Optional<String> rawQuery) {
        return answer(EVERYTHING, rawQuery, true);
    }

    /**
     * {@code HEAD}: what the {@code GET} would send (status and headers) after the same checks of the caller, the
     * request and a next link, without preparing or reading any plan: nothing is held, so nothing is left to give back.
     */
    Response head(String type, Optional<String> rawQuery, boolean everything) {
        try {
            opened(type, rawQuery, everything);
            return ok().build();
        } catch (FhirProblemException e) {
            return new ProblemResponses(realm.getName()).of(e.problem());
        }
    }

    private Response answer(String type, Optional<String> rawQuery, boolean everything) {
        try {
            Opened opened = opened(type, rawQuery, everything);
            List<Asked> asked = allPrepared(opened.cursor().positions(), p -> prepared(p, everything),
                this::failedPlan, AllPlansSearch::givenBack);
            boolean handedOn = false;
            try {
                refusedEverywhere(asked, opened.served().isEmpty());
                String self = urls.fhirBase("_all") + "/" + type + rawQuery.map(q -> "?" + q).orElse("");
                Response response = ok().entity(page(opened, asked, self)).build();
                handedOn = true;
                return response;
            } finally {
                if (!handedOn) {
                    asked.forEach(AllPlansSearch::givenBack);
                }
            }
        } catch (FhirProblemException e) {
            return new ProblemResponses(realm.getName()).of(e.problem());
        }
    }

    private static Response.ResponseBuilder ok() {
        return Response.ok().type(OperationOutcomeWriter.FHIR_JSON + ";charset=utf-8")
            .header("Cache-Control", "private, no-cache");
    }

    /** What a page is read from: the search's cursor, the kept one it was served from, and where cursors are kept. */
    private record Opened(CrossPlanCursor cursor, Optional<CursorStore.Loaded> served, CursorStore cursors) {
    }

    /** The checks of the caller, the request and a next link, before any plan. */
    private Opened opened(String type, Optional<String> rawQuery, boolean everything) throws FhirProblemException {
        BearerCaller caller = BearerCaller.authenticate(session);
        ApiCors.forCaller(session, caller.token());
        if (!everything && !RESOURCE_TYPE.matcher(type).matches()) {
            throw FhirProblem.badRequest("fhir/_all is search only: GET fhir/_all/{type}?params. Read a "
                + "resource at the plan it came from, fhir/{alias}/{type}/{id} (its fullUrl).").exception();
        }
        AllPlansQuery query = AllPlansQuery.parse(rawQuery);
        if (everything && query.sort().isPresent()) {
            throw FhirProblem.badRequest("Patient/$everything takes start, end, _since, _type and _count; its "
                + "plans' entries are not sorted across plans.").exception();
        }
        CursorStore cursors = CursorStore.of(session, realm);
        Optional<CursorStore.Loaded> served = query.cursor().isPresent()
            ? Optional.of(cursors.load(query.cursor().get(), caller.user().getId())) : Optional.empty();
        CrossPlanCursor cursor = served.isPresent() ? served.get().cursor()
            : firstPage(caller, type, query, everything);
        if (!cursor.type().equals(type)) {
            throw FhirProblem.badRequest("This next link belongs to a read of " + cursor.type()
                + "; follow it as given.").exception();
        }
        return new Opened(cursor, served, cursors);
    }

    /**
     * Each plan prepared in turn, in order. A plan whose preparation fails unexpectedly becomes what {@code failed}
     * makes of it, and the others are still prepared; if anything else fails, every plan already prepared is given
     * back before the failure goes on, so no admission or slot stays held until it lapses.
     */
    static <P, T> List<T> allPrepared(List<P> positions, Function<P, T> prepare,
                                      BiFunction<P, RuntimeException, T> failed, Consumer<T> release) {
        List<T> prepared = new ArrayList<>();
        try {
            for (P position : positions) {
                T one;
                try {
                    one = prepare.apply(position);
                } catch (RuntimeException e) {
                    one = failed.apply(position, e);
                }
                prepared.add(one);
            }
            return prepared;
        } catch (RuntimeException | Error e) {
            prepared.forEach(release);
            throw e;
        }
    }

    /** A plan whose checks failed unexpectedly: a 500 outcome entry (the server's log names the failure, not why). */
    private Asked failedPlan(CrossPlanCursor.Position position, RuntimeException e) {
        LOG.warnf("A plan's part of a search across plans failed before it was read: %s", e.getClass().getName());
        return new Asked(planName(position.alias()), position, Optional.empty(), Optional.of(FhirProblem.serverError(
            "This server failed to prepare the read of this plan; search again, or search the plan alone.")));
    }

    /** A prepared plan's admission and slot given back, its audit recorded, when its page is never written. */
    private static void givenBack(Asked asked) {
        asked.read().ifPresent(read -> read.ended(500, Optional.of("answer_aborted"), false));
    }

    /**
     * The first page: each plan the member linked, in the realm's plan order, asked the app's search, or the
     * operation on the member's patient there.
     */
    private CrossPlanCursor firstPage(BearerCaller caller, String type, AllPlansQuery query, boolean everything) {
        String path = everything ? KeycloakProxySteps.LINKED_PATIENT_EVERYTHING : type;
        Set<String> linked = session.users().getFederatedIdentitiesStream(realm, caller.user())
            .map(FederatedIdentityModel::getIdentityProvider).collect(Collectors.toSet());
        List<CrossPlanCursor.Position> positions = RealmPlans.enabledPlans(session).stream()
            .filter(plan -> linked.contains(plan.getAlias()))
            .map(plan -> new CrossPlanCursor.Position(plan.getAlias(), path, query.forwardedQuery(), 0))
            .toList();
        return new CrossPlanCursor(caller.user().getId(), type, query.sort(), query.count(), positions);
    }

    private PlanName planName(String alias) {
        return new PlanName(alias, RealmPlans.byAlias(session, alias).map(RealmPlans::displayName).orElse(alias),
            urls.fhirBase(alias));
    }

    private Asked prepared(CrossPlanCursor.Position position, boolean everything) {
        String alias = position.alias();
        PlanName plan = planName(alias);
        ProxyRequest request = new ProxyRequest(ProxyRequest.Method.GET, position.path(), position.query(),
            Optional.empty(), Map.of());
        try {
            KeycloakProxySteps steps = new KeycloakProxySteps(session, alias);
            return new Asked(plan, position, Optional.of(everything ? steps.preparedEverything(request)
                : steps.prepared(request)), Optional.empty());
        } catch (FhirProblemException e) {
            return new Asked(plan, position, Optional.empty(), Optional.of(e.problem()));
        }
    }

    /**
     * A first page no plan may be asked for, every plan refusing alike, is that refusal: a request none would
     * forward (400), or a type the caller may read from none of its plans (403).
     */
    private static void refusedEverywhere(List<Asked> asked, boolean firstPage) throws FhirProblemException {
        if (!firstPage || asked.isEmpty() || asked.stream().anyMatch(a -> a.read().isPresent())) {
            return;
        }
        FhirProblem first = asked.get(0).refused().orElseThrow();
        if ((first.status() == 400 || first.status() == 403)
            && asked.stream().allMatch(a -> a.refused().orElseThrow().status() == first.status())) {
            throw first.exception();
        }
    }

    private StreamingOutput page(Opened opened, List<Asked> asked, String self) {
        Executor threads = session.getProvider(ExecutorsProvider.class).getExecutor(THREADS);
        long deadlineNanos = System.nanoTime() + session.getProvider(ProxyLimits.class).deadline().toNanos();
        return out -> {
            List<PlanStream> streams = new ArrayList<>();
            Optional<MergedPage.Result> result = Optional.empty();
            try {
                for (Asked one : asked) {
                    if (one.read().isPresent()) {
                        PlanStream stream = new PlanStream(one.plan(), one.position());
                        streams.add(stream);
                        stream.start(threads, one.read().get()::readInto);
                    }
                }
                result = Optional.of(write(out, opened, asked, streams, self, deadlineNanos));
            } finally {
                streams.forEach(PlanStream::cancel);
                audit(asked, result);
            }
        };
    }

    private MergedPage.Result write(OutputStream out, Opened opened, List<Asked> asked, List<PlanStream> streams,
                                    String self, long deadlineNanos) throws IOException {
        CrossPlanCursor cursor = opened.cursor();
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("resourceType", "Bundle");
            json.writeStringField("type", "searchset");
            json.writeArrayFieldStart("entry");
            MergedPage.Output entries = entry -> json.writeRawValue(entry.toString());
            for (Asked one : asked) {
                if (one.refused().isPresent()) {
                    FhirProblem problem = one.refused().get();
                    entries.entry(PlanEntries.outcome(one.plan(),
                        new PlanItem.Ended(problem.status(), Optional.of(problem), Optional.empty(), false)));
                }
            }
            MergedPage.Result result = merged(streams, cursor, deadlineNanos, entries);
            List<CrossPlanCursor.Position> kept = kept(result.positions(), alias -> planOf(asked, alias), entries);
            json.writeEndArray();
            links(json, self, opened, kept);
            if (result.total().isPresent()) {
                json.writeNumberField("total", result.total().get());
            }
            json.writeEndObject();
            return result;
        }
    }

    private static MergedPage.Result merged(List<PlanStream> streams, CrossPlanCursor cursor, long deadlineNanos,
                                            MergedPage.Output entries) throws IOException {
        try {
            return new MergedPage(streams, cursor.sort(), cursor.count(), deadlineNanos, entries).merge();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while merging the plans' pages", e);
        }
    }

    /**
     * The positions a next page may be read from: a plan whose page link is longer than a cursor keeps is read no
     * further, and an outcome entry says so.
     */
    static List<CrossPlanCursor.Position> kept(List<CrossPlanCursor.Position> positions,
                                               Function<String, PlanName> plans, MergedPage.Output entries)
        throws IOException {
        List<CrossPlanCursor.Position> kept = new ArrayList<>();
        for (CrossPlanCursor.Position position : positions) {
            if (CrossPlanCursor.fits(position)) {
                kept.add(position);
            } else {
                entries.entry(PlanEntries.pageLinkTooLong(plans.apply(position.alias()),
                    CrossPlanCursor.MAX_POSITION_CHARS));
            }
        }
        return kept;
    }

    private static PlanName planOf(List<Asked> asked, String alias) {
        return asked.stream().map(Asked::plan).filter(plan -> plan.alias().equals(alias)).findFirst().orElseThrow();
    }

    /**
     * {@code self}, and {@code next} when any plan has more: a short link to the cursor kept server-side, in place of
     * the one this page was served from.
     */
    private void links(JsonGenerator json, String self, Opened opened, List<CrossPlanCursor.Position> positions)
        throws IOException {
        CrossPlanCursor cursor = opened.cursor();
        json.writeArrayFieldStart("link");
        link(json, "self", self);
        if (!positions.isEmpty()) {
            try {
                String next = opened.cursors().save(new CrossPlanCursor(cursor.user(), cursor.type(), cursor.sort(),
                    cursor.count(), positions), opened.served());
                link(json, "next", urls.fhirBase("_all") + "/" + cursor.type() + "?" + AllPlansQuery.CURSOR + "="
                    + next);
            } catch (FhirProblemException e) {
                // no HMAC key: this page is still whole, without a next link (the server log says why)
                LOG.warn(e.problem().diagnostics());
            }
        }
        json.writeEndArray();
    }

    private static void link(JsonGenerator json, String relation, String url) throws IOException {
        json.writeStartObject();
        json.writeStringField("relation", relation);
        json.writeStringField("url", url);
        json.writeEndObject();
    }

    /**
     * One audit event per plan read, on the request thread, each plan's admission and slot given back; a plan whose
     * part did not end (the page was cut off, or never started) is audited as cut off.
     */
    private static void audit(List<Asked> asked, Optional<MergedPage.Result> result) {
        for (Asked one : asked) {
            one.read().ifPresent(read -> {
                MergedPage.PlanEnd end = result.map(r -> r.ends().get(one.plan()))
                    .orElse(new MergedPage.PlanEnd(200, Optional.of("answer_aborted"), true));
                read.ended(end.status(), end.error(), end.cutOff());
            });
        }
    }
}
