package dev.payeraccess.sandbox.fhir.records;

import java.time.LocalDate;
import java.util.List;

/**
 * What happened, before it is written down as an ExplanationOfBenefit: who billed the plan for which
 * services on which days, and how the plan adjudicated them.
 *
 * @param clinician the attending, rendering or prescribing clinician
 * @param billedByClinician whether the clinician (not the site) is the billing provider
 * @param coverageLinked whether the claim references its Coverage (some plans only name it)
 */
record ClaimEvent(String id, String claimNumber, ClaimKind kind, ClaimDates dates, CareSite site,
                  Clinician clinician, boolean billedByClinician, Episode episode, List<ClaimLine> lines,
                  boolean coverageLinked) {

    ClaimAmounts totals() {
        return lines.stream().map(ClaimLine::amounts).reduce(ClaimAmounts.ZERO, ClaimAmounts::plus);
    }

    /** The dates a claim goes through, from service to payment. */
    record ClaimDates(LocalDate serviceStart, LocalDate serviceEnd, LocalDate received, LocalDate created,
                      LocalDate paid) {
    }

    /** One adjudicated line. */
    record ClaimLine(int sequence, Service service, int quantity, ClaimAmounts amounts) {
    }
}
