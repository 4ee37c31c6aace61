package dev.payeraccess.sandbox.fhir.records;

import dev.payeraccess.sandbox.TestMember;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;

/**
 * Everything the plan holds about one member.
 *
 * @param benefits the Patient, Coverage and ExplanationOfBenefit records every track serves
 * @param clinical the records only payer-to-payer exchange serves
 * @param dependents the Patient records of the household members enrolled under this member
 * @param dependentsRecords the dependents' Coverage and claims, in which this member is subscriber and payee
 */
record MemberRecord(TestMember member, List<Resource> benefits, List<Resource> clinical, List<Resource> dependents,
                    List<Resource> dependentsRecords) {

    MemberRecord {
        benefits = List.copyOf(benefits);
        clinical = List.copyOf(clinical);
        dependents = List.copyOf(dependents);
        dependentsRecords = List.copyOf(dependentsRecords);
    }
}
