package dev.payeraccess.sandbox;

import java.time.LocalDate;

/**
 * A synthetic health-plan member as published on the seeds' developer pages; the verification page
 * accepts exactly these values.
 *
 * @param patientId the member's FHIR {@code Patient} id, returned as {@code patient} by the token endpoint
 */
public record TestMember(
    String patientId,
    String firstName,
    String lastName,
    LocalDate birthDate,
    String memberId,
    String postalCode,
    String gender) {
}
