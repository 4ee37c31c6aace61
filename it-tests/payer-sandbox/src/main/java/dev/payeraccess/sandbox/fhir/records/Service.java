package dev.payeraccess.sandbox.fhir.records;

import dev.payeraccess.sandbox.fhir.records.Terminology.Code;
import java.math.BigDecimal;

/**
 * One billable line of a claim.
 *
 * @param revenue the UB-04 revenue code for institutional claims; {@code null} on other claims
 * @param charge the typical charge for one unit
 * @param perDay whether the quantity is the length of the stay (room and board) rather than {@code quantity}
 */
record Service(Code code, Code revenue, BigDecimal charge, int quantity, boolean perDay) {
}
