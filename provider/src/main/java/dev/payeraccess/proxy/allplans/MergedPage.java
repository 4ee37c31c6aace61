package dev.payeraccess.proxy.allplans;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.fhir.FhirProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One page of a search across plans, merged from the plans' pages as they stream: at most {@code count} matches,
 * in the order {@code sort} asks for (each plan's next match compared with the others' as they arrive; a plan that
 * is slow is waited for, until the deadline), or, unsorted, in the order they arrive. Includes and a plan's own
 * outcome entries pass as they come. A plan whose page ends while it has more pages ends a sorted page too (its
 * next match could come before any other's); unsorted, the others go on. Where each plan stands after the page is
 * {@link Result#positions()}.
 */
final class MergedPage {

    /** What the page ended with: the cursor's positions, the plans' totals and each plan's end for its audit. */
    record Result(List<CrossPlanCursor.Position> positions, Optional<Long> total, Map<PlanName, PlanEnd> ends) {
    }

    /**
     * How a plan's part ended, for its audit event.
     *
     * @param cutOff whether the plan's answer broke off after it began
     */
    record PlanEnd(int status, Optional<String> error, boolean cutOff) {
    }

    /** Where merged entries go, in order. */
    interface Output {
        void entry(ObjectNode entry) throws IOException;
    }

    private final List<Part> parts = new ArrayList<>();
    private final Optional<SortOrder> sort;
    private final int count;
    private final long deadlineNanos;
    private final Output output;
    private int emitted;

    MergedPage(List<PlanStream> streams, Optional<SortOrder> sort, int count, long deadlineNanos, Output output) {
        streams.forEach(stream -> parts.add(new Part(stream)));
        this.sort = sort;
        this.count = count;
        this.deadlineNanos = deadlineNanos;
        this.output = output;
    }

    Result merge() throws IOException, InterruptedException {
        try {
            if (sort.isPresent()) {
                mergeSorted(sort.get().entries());
            } else {
                mergeAsTheyCome();
            }
        } finally {
            parts.forEach(part -> part.stream.cancel());
        }
        return result();
    }

    private void mergeSorted(Comparator<JsonNode> order) throws IOException, InterruptedException {
        while (emitted < count) {
            for (Part part : parts) {
                advance(part, true);
            }
            if (parts.stream().anyMatch(Part::pageEndedWithMore)) {
                return;
            }
            Optional<Part> first = parts.stream().filter(Part::hasMatch)
                .min((a, b) -> order.compare(a.head().entry(), b.head().entry()));
            if (first.isEmpty()) {
                return;
            }
            emit(first.get());
        }
    }

    private void mergeAsTheyCome() throws IOException, InterruptedException {
        int next = 0;
        while (emitted < count) {
            Optional<Part> ready = Optional.empty();
            for (int i = 0; i < parts.size() && ready.isEmpty(); i++) {
                Part part = parts.get((next + i) % parts.size());
                advance(part, false);
                if (part.hasMatch()) {
                    ready = Optional.of(part);
                    next = (parts.indexOf(part) + 1) % parts.size();
                }
            }
            if (ready.isPresent()) {
                emit(ready.get());
            } else if (parts.stream().allMatch(Part::ended)) {
                return;
            } else if (System.nanoTime() - deadlineNanos > 0) {
                for (Part part : parts) {
                    if (!part.ended()) {
                        timedOut(part);
                    }
                }
                return;
            } else {
                Thread.sleep(2); // none of the plans has sent its next entry yet
            }
        }
    }

    /**
     * Takes the part's items up to its next match (or its end): links and total are noted, includes and the plan's
     * own outcome entries pass on, matches earlier pages already took are skipped.
     *
     * @param wait whether to wait for the plan's next item (until the deadline, then the plan has timed out)
     */
    private void advance(Part part, boolean wait) throws IOException, InterruptedException {
        while (!part.ended()) {
            Optional<PlanItem> item = wait ? part.stream.peek(deadlineNanos) : part.stream.peekNow();
            if (item.isEmpty()) {
                if (wait) {
                    timedOut(part);
                }
                return;
            }
            if (item.get() instanceof PlanItem.Entry entry && isMatch(entry.entry()) && !part.takenEarlier(entry)) {
                return;
            }
            part.stream.take();
            note(part, item.get());
        }
    }

    private void note(Part part, PlanItem item) throws IOException {
        if (item instanceof PlanItem.Entry entry) {
            if (isMatch(entry.entry())) {
                part.skip--;
                part.taken(entry);
            } else {
                output.entry(PlanEntries.named(entry.entry(), part.stream.plan()));
            }
        } else if (item instanceof PlanItem.Links links) {
            part.links = links.byRelation();
            checkSorted(part);
        } else if (item instanceof PlanItem.Total total) {
            part.total = OptionalLong.of(total.total());
        } else if (item instanceof PlanItem.Ended ended) {
            part.end = Optional.of(ended);
            if (ended.failed()) {
                output.entry(PlanEntries.outcome(part.stream.plan(), ended));
            }
        }
    }

    /** A plan whose self link shows no {@code _sort} did not sort: said once, in an outcome entry. */
    private void checkSorted(Part part) throws IOException {
        if (sort.isEmpty() || part.sortChecked) {
            return;
        }
        part.sortChecked = true;
        String self = part.links.getOrDefault("self", "");
        if (!PlanEntries.sortsBy(self, sort.get())) {
            output.entry(PlanEntries.unsorted(part.stream.plan(), sort.get()));
        }
    }

    private void emit(Part part) throws IOException {
        PlanItem.Entry entry = part.head();
        part.stream.take();
        part.taken(entry);
        emitted++;
        output.entry(PlanEntries.named(entry.entry(), part.stream.plan()));
    }

    private void timedOut(Part part) throws IOException {
        part.stream.cancel();
        PlanItem.Ended ended = new PlanItem.Ended(504, Optional.of(FhirProblem.planTimeout(
            part.stream.plan().described() + " did not answer in time; its entries are not on this page.")),
            Optional.empty(), false);
        part.end = Optional.of(ended);
        output.entry(PlanEntries.outcome(part.stream.plan(), ended));
    }

    /**
     * A short digest of which entry this is: its {@code fullUrl}, else its resource's type and id, else its place
     * among the page's matches. Digested, so a cursor holds no part of a member's record.
     */
    static String entryKey(ObjectNode entry, int matchIndex) {
        String fullUrl = entry.path("fullUrl").asText("");
        JsonNode resource = entry.path("resource");
        String identity = !fullUrl.isEmpty() ? fullUrl
            : resource.hasNonNull("id") ? resource.path("resourceType").asText("") + "/" + resource.path("id").asText()
            : "#" + matchIndex;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 9));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static boolean isMatch(ObjectNode entry) {
        JsonNode mode = entry.path("search").path("mode");
        return mode.isMissingNode() || "match".equals(mode.asText());
    }

    private Result result() {
        List<CrossPlanCursor.Position> positions = new ArrayList<>();
        Map<PlanName, PlanEnd> ends = new LinkedHashMap<>();
        long total = 0;
        boolean totalKnown = true;
        for (Part part : parts) {
            part.nextPosition().ifPresent(positions::add);
            ends.put(part.stream.plan(), part.planEnd());
            if (part.end.map(PlanItem.Ended::failed).orElse(false)) {
                continue;
            }
            totalKnown &= part.total.isPresent();
            total += part.total.orElse(0);
        }
        return new Result(positions, totalKnown ? Optional.of(total) : Optional.empty(), ends);
    }

    /** What the merge knows of one plan's part. */
    private static final class Part {
        private final PlanStream stream;
        private int skip;
        private int consumed;
        /** The matches earlier pages took from this page, where the cursor says which ({@link #entryKey}). */
        private final Set<String> takenBefore;
        private final List<String> takenNow = new ArrayList<>();
        private int matchesSeen;
        private PlanItem.Entry keyed;
        private String key;
        private Map<String, String> links = Map.of();
        private OptionalLong total = OptionalLong.empty();
        private Optional<PlanItem.Ended> end = Optional.empty();
        private boolean sortChecked;

        Part(PlanStream stream) {
            this.stream = stream;
            this.skip = stream.position().taken();
            this.takenBefore = Set.copyOf(stream.position().takenEntries());
        }

        boolean ended() {
            return end.isPresent();
        }

        /**
         * Whether an earlier page took this match of the page: by which entry it is where the cursor says so, so a
         * plan that lists the page in another order when it is read again neither repeats nor drops an entry; by how
         * many where it does not (a cursor of an earlier version).
         */
        boolean takenEarlier(PlanItem.Entry entry) {
            return takenBefore.isEmpty() ? skip > 0 : takenBefore.contains(key(entry));
        }

        /** The match's {@link #entryKey}, digested once though the merge looks at a match up to three times. */
        private String key(PlanItem.Entry entry) {
            if (keyed != entry) {
                keyed = entry;
                key = entryKey(entry.entry(), matchesSeen);
            }
            return key;
        }

        /** A match of the page taken now: skipped as taken before, or emitted. */
        void taken(PlanItem.Entry entry) {
            takenNow.add(key(entry));
            matchesSeen++;
            consumed++;
        }

        /**
         * Whether the item {@link #advance} stopped at is a match to emit. It never looks for a newer item: one that
         * arrived since may be a match earlier pages took, or an include, which {@link #advance} must see first.
         */
        boolean hasMatch() {
            return !ended() && stream.peeked()
                .filter(i -> i instanceof PlanItem.Entry entry && isMatch(entry.entry()) && !takenEarlier(entry))
                .isPresent();
        }

        PlanItem.Entry head() {
            return (PlanItem.Entry) stream.peeked().orElseThrow();
        }

        /** The page ended well and the plan has more: nothing can be compared with its next match yet. */
        boolean pageEndedWithMore() {
            return end.filter(e -> !e.failed()).isPresent() && links.containsKey("next");
        }

        /** Where the next page starts for this plan; empty when it has no more (or failed: its outcome says so). */
        Optional<CrossPlanCursor.Position> nextPosition() {
            CrossPlanCursor.Position at = stream.position();
            if (end.isEmpty()) {
                return Optional.of(new CrossPlanCursor.Position(at.alias(), at.path(), at.query(), consumed,
                    takenNow));
            }
            if (end.get().failed() || !links.containsKey("next")) {
                return Optional.empty();
            }
            return PlanEntries.pageRequest(links.get("next"), stream.plan())
                .map(page -> new CrossPlanCursor.Position(at.alias(), page.path(), page.query(), 0));
        }

        PlanEnd planEnd() {
            if (end.isEmpty()) {
                return new PlanEnd(200, Optional.empty(), false); // the page was full: the rest is the next page's
            }
            PlanItem.Ended ended = end.get();
            return new PlanEnd(ended.status(), ended.problem().map(FhirProblem::auditCode)
                .or(() -> ended.status() >= 400 ? Optional.of("plan_" + ended.status()) : Optional.empty()),
                ended.cutOff());
        }
    }
}
