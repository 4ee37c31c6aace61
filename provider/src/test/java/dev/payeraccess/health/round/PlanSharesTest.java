package dev.payeraccess.health.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlanSharesTest {

    private static ProbeTarget plan(String realmId, String alias) {
        return new ProbeTarget(realmId, "realm", alias, "https://api." + alias + ".example/r4", 10_000, Set.of());
    }

    @Test
    void aPlansShareDependsOnItsRealmAndAliasOnlySoEveryNodeCutsTheSame() {
        List<ProbeTarget> thousand = IntStream.range(0, 1_000).mapToObj(i -> plan("r1", "plan-" + i)).toList();
        Map<Integer, List<ProbeTarget>> all = PlanShares.byShare(thousand);
        Map<Integer, List<ProbeTarget>> withoutHalf = PlanShares.byShare(thousand.subList(0, 500));

        for (ProbeTarget kept : thousand.subList(0, 500)) {
            int share = PlanShares.shareOf(kept);
            assertTrue(all.get(share).contains(kept) && withoutHalf.get(share).contains(kept), kept.alias());
        }
        assertEquals(1_000, all.values().stream().mapToInt(List::size).sum(), "every plan is in one share");
        assertEquals(PlanShares.COUNT, all.size(), "1,000 plans fill every share");
        assertTrue(all.values().stream().allMatch(s -> s.size() < 40), "no share is much above 1000/64");
    }

    @Test
    void theSameAliasInAnotherRealmIsAnotherPlan() {
        long distinct = IntStream.range(0, 20).mapToObj(i -> PlanShares.shareOf(plan("realm-" + i, "acme")))
            .distinct().count();
        assertTrue(distinct > 1, "shares depend on the realm too");
    }

    @Test
    void eachRoundClaimsEveryShareOnceStartingOneFurther() {
        int[] first = PlanShares.order(0);
        int[] next = PlanShares.order(1);
        assertEquals(Set.copyOf(IntStream.range(0, PlanShares.COUNT).boxed().toList()),
            Arrays.stream(first).boxed().collect(Collectors.toSet()));
        assertEquals(PlanShares.COUNT, first.length);
        assertNotEquals(first[0], next[0]);
        assertEquals(first[1], next[0]);
        assertEquals(PlanShares.order(PlanShares.COUNT)[0], first[0]);
    }
}
