package dev.payeraccess.sandbox.fhir.records;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * How the plan adjudicated a charge: what the provider submitted, what the plan allows, the member's
 * share (deductible, copay, coinsurance) and what the plan paid the provider.
 */
record ClaimAmounts(BigDecimal submitted, BigDecimal eligible, BigDecimal deductible, BigDecimal copay,
                    BigDecimal coinsurance, BigDecimal paid) {

    private static final BigDecimal NONE = new BigDecimal("0.00");

    static final ClaimAmounts ZERO = new ClaimAmounts(NONE, NONE, NONE, NONE, NONE, NONE);

    private static final BigDecimal COINSURANCE_RATE = new BigDecimal("0.20");
    private static final BigDecimal OFFICE_COPAY = new BigDecimal("25.00");
    private static final List<BigDecimal> DRUG_COPAYS =
        List.of(new BigDecimal("10.00"), new BigDecimal("15.00"), new BigDecimal("35.00"));
    private static final List<BigDecimal> DEDUCTIBLES =
        List.of(new BigDecimal("0.00"), new BigDecimal("250.00"), new BigDecimal("500.00"));

    /**
     * Adjudicates one line. The member's fixed share (copay, deductible) is taken on the claim's first
     * line only, as plans apply it once per claim.
     */
    static ClaimAmounts adjudicate(ClaimKind kind, BigDecimal submitted, boolean firstLine, MemberSeed seed) {
        BigDecimal eligible = cents(submitted.multiply(BigDecimal.valueOf(seed.fraction(0.45, 0.85))));
        BigDecimal deductible = NONE;
        BigDecimal copay = NONE;
        BigDecimal coinsurance = NONE;
        switch (kind) {
            case PHARMACY -> copay = eligible.min(seed.pick(DRUG_COPAYS));
            case PROFESSIONAL -> copay = firstLine ? eligible.min(OFFICE_COPAY) : NONE;
            default -> {
                deductible = firstLine ? eligible.min(seed.pick(DEDUCTIBLES)) : NONE;
                coinsurance = cents(eligible.subtract(deductible).multiply(COINSURANCE_RATE));
            }
        }
        BigDecimal paid = eligible.subtract(deductible).subtract(copay).subtract(coinsurance);
        return new ClaimAmounts(cents(submitted), eligible, cents(deductible), cents(copay), cents(coinsurance),
            cents(paid));
    }

    BigDecimal memberLiability() {
        return deductible.add(copay).add(coinsurance);
    }

    ClaimAmounts plus(ClaimAmounts other) {
        return new ClaimAmounts(submitted.add(other.submitted), eligible.add(other.eligible),
            deductible.add(other.deductible), copay.add(other.copay), coinsurance.add(other.coinsurance),
            paid.add(other.paid));
    }

    private static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
