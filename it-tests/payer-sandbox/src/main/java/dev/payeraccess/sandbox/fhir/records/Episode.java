package dev.payeraccess.sandbox.fhir.records;

import dev.payeraccess.sandbox.fhir.records.Terminology.Code;
import java.util.List;

/**
 * A typical reason to bill the plan, with the diagnoses and services such a claim carries.
 *
 * @param daysSupply for a prescription fill, how many days it lasts; 0 otherwise
 */
record Episode(List<Code> diagnoses, List<Service> services, int minAge, int maxAge, int daysSupply) {

    boolean suits(int age) {
        return age >= minAge && age <= maxAge;
    }
}
