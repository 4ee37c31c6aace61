package dev.payeraccess.health;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A plan's health as its probes found it.
 *
 * @param since when the plan entered this status (the first probe that found it so)
 * @param checkedAt when the last probe ran
 * @param latencyMs how long the plan's CapabilityStatement took to answer on the last probe
 * @param detail what the last probe found, for administrators only: never shown to members or apps
 */
public record PlanHealth(PlanStatus status, Instant since, Instant checkedAt, long latencyMs, String detail) {

    public PlanHealth {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(detail, "detail");
    }

    /** After a probe that found {@code verdict}: the same {@code since} while the status holds. */
    public static PlanHealth after(Optional<PlanHealth> previous, HealthRules.Verdict verdict, long latencyMs,
                                   Instant now) {
        Instant since = previous.filter(p -> p.status() == verdict.status()).map(PlanHealth::since).orElse(now);
        return new PlanHealth(verdict.status(), since, now, latencyMs, verdict.detail());
    }

    Map<String, String> toNotes() {
        Map<String, String> notes = new HashMap<>();
        notes.put("status", status.wireName());
        notes.put("since", since.toString());
        notes.put("checkedAt", checkedAt.toString());
        notes.put("latencyMs", String.valueOf(latencyMs));
        notes.put("detail", detail);
        return notes;
    }

    static Optional<PlanHealth> fromNotes(Map<String, String> notes) {
        if (notes == null) {
            return Optional.empty();
        }
        try {
            return PlanStatus.byWireName(notes.getOrDefault("status", "")).map(status -> new PlanHealth(status,
                Instant.parse(notes.get("since")), Instant.parse(notes.get("checkedAt")),
                Long.parseLong(notes.get("latencyMs")), notes.getOrDefault("detail", "")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
