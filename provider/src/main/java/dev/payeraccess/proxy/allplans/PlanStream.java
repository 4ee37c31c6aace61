package dev.payeraccess.proxy.allplans;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One plan's part of a merged page: its read runs on a fan-out thread and hands what it reads through a queue of
 * {@link #LOOK_AHEAD} items, so no more than that many entries of one plan wait in memory; the plan's answer waits
 * on the network until the merge takes more. Cancelled, the read ends at its next entry and the plan's answer is
 * closed unread.
 */
final class PlanStream {

    /** Entries of one plan held ahead of the merge. */
    static final int LOOK_AHEAD = 8;
    /** The most one entry may weigh, as the proxy holds one entry it must look at. */
    static final long MAX_ENTRY_BYTES = 4L * 1024 * 1024;

    private final PlanName plan;
    private final CrossPlanCursor.Position position;
    private final BlockingQueue<PlanItem> items;
    private volatile boolean cancelled;
    /** The item the merge looked at and has not taken yet; the merge's thread only. */
    private PlanItem head;

    PlanStream(PlanName plan, CrossPlanCursor.Position position) {
        this(plan, position, new ArrayBlockingQueue<>(LOOK_AHEAD));
    }

    /** With the queue the plan's thread fills; a test's may decide when an item shows up. */
    PlanStream(PlanName plan, CrossPlanCursor.Position position, BlockingQueue<PlanItem> items) {
        this.plan = plan;
        this.position = position;
        this.items = items;
    }

    PlanName plan() {
        return plan;
    }

    /** The page this part reads, and how many of its matches earlier pages took. */
    CrossPlanCursor.Position position() {
        return position;
    }

    /** Starts the read on {@code threads}; it ends with exactly one {@link PlanItem.Ended} unless cancelled first. */
    void start(Executor threads, PlanRead read) {
        threads.execute(() -> run(read));
    }

    private void run(PlanRead read) {
        PlanBundleReader reader = null;
        try {
            reader = new PlanBundleReader(this::put, MAX_ENTRY_BYTES);
            int status = read.readInto(reader);
            put(new PlanItem.Ended(status, Optional.empty(), status >= 400 ? reader.issues() : Optional.empty(),
                false));
        } catch (FhirProblemException e) {
            putQuietly(new PlanItem.Ended(e.problem().status(), Optional.of(e.problem()), Optional.empty(), false));
        } catch (IOException | RuntimeException e) {
            FhirProblem problem = brokeOff(e);
            putQuietly(new PlanItem.Ended(problem.status(), Optional.of(problem), Optional.empty(), true));
        } finally {
            closeQuietly(reader);
        }
    }

    /** A read cut off mid-answer: the deadline passed, the plan's connection ended, or its JSON broke. */
    private FhirProblem brokeOff(Exception e) {
        if (e instanceof InterruptedIOException) {
            return FhirProblem.planTimeout(plan.described() + " did not finish its answer in time; its entries "
                + "after those on this page are not included.");
        }
        return FhirProblem.planError(plan.described() + "'s answer broke off or was not a FHIR JSON Bundle; its "
            + "entries after those on this page are not included.");
    }

    private void put(PlanItem item) throws IOException {
        try {
            while (cancelled || !items.offer(item, 50, TimeUnit.MILLISECONDS)) {
                if (cancelled) {
                    throw new IOException("the search across plans no longer reads this plan");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the merge was busy");
        }
    }

    private void putQuietly(PlanItem item) {
        if (cancelled) {
            return;
        }
        try {
            put(item);
        } catch (IOException e) {
            // cancelled meanwhile: nobody reads the end
        }
    }

    private static void closeQuietly(PlanBundleReader reader) {
        if (reader == null) {
            return;
        }
        try {
            reader.close();
        } catch (IOException | RuntimeException e) {
            // an answer cut off leaves the parser mid-document; it has nothing left to give
        }
    }

    /** The next item without taking it, waiting for it until {@code deadlineNanos}; empty if none came by then. */
    Optional<PlanItem> peek(long deadlineNanos) throws InterruptedException {
        if (head == null) {
            head = items.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        return Optional.ofNullable(head);
    }

    /** The next item if one is there now. */
    Optional<PlanItem> peekNow() {
        if (head == null) {
            head = items.poll();
        }
        return Optional.ofNullable(head);
    }

    /** The item {@link #peek} or {@link #peekNow} last saw and nobody took, without looking for a new one. */
    Optional<PlanItem> peeked() {
        return Optional.ofNullable(head);
    }

    /** Takes the item {@link #peek} saw. */
    void take() {
        head = null;
    }

    /** Ends the read: the plan's thread stops at its next item and closes the plan's answer. */
    void cancel() {
        cancelled = true;
        items.clear();
    }
}
