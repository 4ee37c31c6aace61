package dev.payeraccess.health.round;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The plans of a round cut into {@value #COUNT} shares, the unit a node of the cluster claims. A plan's share
 * depends on its realm's id and its alias only ({@link String#hashCode()} is the same on every JVM), so every node
 * puts it in the same share whatever other plans it sees, and a plan added or removed moves no other plan.
 */
public final class PlanShares {

    /**
     * Enough that two or three nodes each get many shares and a share of 1,000 plans (about 16) is a node's
     * parallelism's worth; few enough that a round's claims stay cheap (one entry per share in the single-use store).
     */
    public static final int COUNT = 64;

    private PlanShares() {
    }

    public static int shareOf(ProbeTarget plan) {
        // String.hashCode of aliases that differ in their last characters differs in its low bits too little (1,000
        // "plan-N" filled 52 of 64 shares); MurmurHash3's finalizer spreads every bit of it over the low ones.
        int h = (plan.realmId() + '\n' + plan.alias()).hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Math.floorMod(h, COUNT);
    }

    /** The plans of each non-empty share, by share number. */
    public static Map<Integer, List<ProbeTarget>> byShare(List<ProbeTarget> plans) {
        return plans.stream().collect(Collectors.groupingBy(PlanShares::shareOf, TreeMap::new, Collectors.toList()));
    }

    /**
     * The order in which nodes claim the shares in round {@code round}: all of them, starting one further each
     * round, so the shares left at a round's deadline are not always the same plans.
     */
    public static int[] order(long round) {
        int first = (int) Math.floorMod(round, (long) COUNT);
        int[] order = new int[COUNT];
        for (int i = 0; i < COUNT; i++) {
            order[i] = (first + i) % COUNT;
        }
        return order;
    }
}
