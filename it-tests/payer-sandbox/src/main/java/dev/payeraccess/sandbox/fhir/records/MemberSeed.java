package dev.payeraccess.sandbox.fhir.records;

import dev.payeraccess.sandbox.TestMember;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Deterministic randomness for one member. Seeded from the member id (and a purpose, so the clinical
 * generator cannot shift the claims when it changes), every start of the sandbox yields the same records.
 */
final class MemberSeed {

    private final String memberId;
    private final String purpose;
    private final Random random;

    MemberSeed(TestMember member, String purpose) {
        this.memberId = member.memberId();
        this.purpose = purpose;
        this.random = new Random(uuidOf(memberId + "#" + purpose).getMostSignificantBits());
    }

    /** An opaque, stable resource id, like the ones a real plan hands out. */
    String id(String resourceType, int ordinal) {
        return uuidOf(memberId + "/" + purpose + "/" + resourceType + "/" + ordinal).toString();
    }

    int between(int min, int maxInclusive) {
        return min + random.nextInt(maxInclusive - min + 1);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    <T> List<T> shuffled(List<T> items) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, random);
        return copy;
    }

    LocalDate dayBetween(LocalDate first, LocalDate last) {
        long span = last.toEpochDay() - first.toEpochDay();
        return first.plusDays((long) (random.nextDouble() * (span + 1)));
    }

    /** {@code base} varied by up to {@code spread} either way, in cents. */
    BigDecimal around(BigDecimal base, double spread) {
        double factor = 1 + (random.nextDouble() * 2 - 1) * spread;
        return base.multiply(BigDecimal.valueOf(factor)).setScale(2, RoundingMode.HALF_UP);
    }

    /** A fraction in [min, max), for shares such as the allowed part of a charge. */
    double fraction(double min, double max) {
        return min + random.nextDouble() * (max - min);
    }

    String digits(int count) {
        StringBuilder digits = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }

    private static UUID uuidOf(String text) {
        return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
