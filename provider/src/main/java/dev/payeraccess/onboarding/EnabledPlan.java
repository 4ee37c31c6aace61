package dev.payeraccess.onboarding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What became of one plan of a credentials sheet. Never holds a secret: only which settings changed.
 *
 * @param reason why the plan was refused, not tried or left as it was
 * @param changed the settings this request changed, by key
 * @param awaitingConfirmation the endpoints SMART discovery filled in, which members may use only once the
 *     administrator confirmed them; empty when they are confirmed or were typed
 */
public record EnabledPlan(String alias, Outcome outcome, Optional<String> reason, List<String> changed,
                          Map<String, String> awaitingConfirmation) {

    /** What the request did to the plan. */
    public enum Outcome {
        /** Credentials saved and the plan enabled. */
        ENABLED,
        /** The discovered endpoints confirmed: members may now use the plan. */
        CONFIRMED,
        /** Nothing to do, e.g. the plan was enabled already. */
        UNCHANGED,
        /** The save-time validation or the sheet refused it; the plan is as it was. */
        REFUSED,
        /** The request ran out of time before this plan; the plan is as it was. */
        NOT_TRIED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public EnabledPlan {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(outcome, "outcome");
        changed = List.copyOf(changed);
        awaitingConfirmation = Map.copyOf(awaitingConfirmation);
    }

    static EnabledPlan refused(String alias, Outcome outcome, String reason) {
        return new EnabledPlan(alias, outcome, Optional.of(reason), List.of(), Map.of());
    }

    /** Whether members and apps may use the plan now (listed in {@code payers} and the picker). */
    public boolean inUse() {
        return (outcome == Outcome.ENABLED || outcome == Outcome.CONFIRMED) && awaitingConfirmation.isEmpty();
    }

    /** {@code alias}, {@code outcome}, {@code reason}, {@code changed}, {@code awaitingConfirmation}. */
    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode().put("alias", alias).put("outcome", outcome.wireName());
        reason.ifPresent(text -> node.put("reason", text));
        if (outcome == Outcome.ENABLED || outcome == Outcome.CONFIRMED) {
            node.put("inUse", inUse());
            changed.forEach(node.putArray("changed")::add);
        }
        if (!awaitingConfirmation.isEmpty()) {
            ObjectNode endpoints = node.putObject("awaitingConfirmation");
            new TreeMap<>(awaitingConfirmation).forEach(endpoints::put);
        }
        return node;
    }
}
