package dev.payeraccess.health.round;

import java.time.Duration;

/**
 * How one node's part of a probe round went.
 *
 * @param probed plans probed and their findings stored
 * @param late plans of the shares this node claimed that were not probed before the round's deadline; they are
 *     probed in the next round
 * @param duration from the start of this node's part until its last finding was stored
 */
public record RoundOutcome(int probed, int late, Duration duration) {
}
