package dev.payeraccess.sandbox.fhir.records;

import dev.payeraccess.sandbox.TestMember;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The dependents enrolled under a member's subscription: a child (or, for the youngest member, a sibling)
 * with its own Patient id. Plans that let one login see the whole household answer a {@code Patient}
 * search with these besides the member ({@code SandboxControls#severalPatientsPerLogin}); with
 * {@code SandboxControls#dependentsRecords} also the dependent's Coverage, in which the member is subscriber and
 * policy holder, and a claim paid to the member: the records FHIR's Patient compartment puts in the member's.
 */
final class SyntheticHousehold {

    private static final Instant ENROLLED = Instant.parse("2023-01-03T09:30:00Z");
    private static final List<String> GIVEN_FEMALE = List.of("Ava514", "Emma231", "Mia878", "Lucia402");
    private static final List<String> GIVEN_MALE = List.of("Liam330", "Noah695", "Mateo117", "Owen842");

    private final PlanDirectory directory;

    SyntheticHousehold(PlanDirectory directory) {
        this.directory = directory;
    }

    /** Built from its own seed, so adding dependents never shifts the member's other records. */
    List<Patient> dependentsOf(TestMember member) {
        MemberSeed seed = new MemberSeed(member, "household");
        boolean female = seed.chance(0.5);
        Patient dependent = new Patient();
        FirstVersion.stamp(dependent, seed.id("Patient", 1), ENROLLED, Terminology.C4BB_PATIENT);
        dependent.addIdentifier(new Identifier()
            .setUse(Identifier.IdentifierUse.USUAL)
            .setType(Terminology.concept(Terminology.V2_0203, "MB", "Member Number"))
            .setSystem(Terminology.MEMBER_ID)
            // Dependents carry the subscriber's member ID with a person suffix, as on many member ID cards.
            .setValue(member.memberId() + "-02"));
        dependent.setActive(true)
            .setGender(female ? AdministrativeGender.FEMALE : AdministrativeGender.MALE)
            .setBirthDateElement(new DateType(seed.dayBetween(LocalDate.of(2013, 1, 1), LocalDate.of(2020, 12, 31))
                .toString()))
            .addName(new HumanName()
                .setUse(HumanName.NameUse.OFFICIAL)
                .setFamily(member.lastName())
                .addGiven(seed.pick(female ? GIVEN_FEMALE : GIVEN_MALE)));
        dependent.setManagingOrganization(directory.plan());
        return List.of(dependent);
    }

    /**
     * The dependent's Coverage (a copy of the member's, for the child) and one claim under it, paid to the member as
     * the subscriber, as a plan pays a parent for a child's care.
     */
    List<Resource> recordsOf(TestMember member, Patient dependent, Coverage membersCoverage,
                             ExplanationOfBenefit membersClaim) {
        MemberSeed seed = new MemberSeed(member, "household");
        Reference child = new Reference("Patient/" + dependent.getIdPart())
            .setDisplay(dependent.getNameFirstRep().getGivenAsSingleString() + " " + member.lastName());
        Reference subscriber = new Reference("Patient/" + member.patientId())
            .setDisplay(member.firstName() + " " + member.lastName());
        Coverage coverage = membersCoverage.copy();
        coverage.setId(new IdType("Coverage", seed.id("Coverage", 1), "1"));
        coverage.setBeneficiary(child.copy())
            .setSubscriber(subscriber.copy())
            .setPolicyHolder(subscriber.copy())
            .setRelationship(Terminology.concept(Terminology.SUBSCRIBER_RELATIONSHIP, "child", "Child"));
        coverage.getIdentifierFirstRep().setValue(member.memberId() + "-02");
        ExplanationOfBenefit claim = membersClaim.copy();
        claim.setId(new IdType("ExplanationOfBenefit", seed.id("ExplanationOfBenefit", 1), "1"));
        claim.setPatient(child.copy());
        claim.getPayee()
            .setType(Terminology.concept(Terminology.PAYEE_TYPE, "subscriber", "Subscriber"))
            .setParty(subscriber.copy());
        claim.getInsuranceFirstRep().setCoverage(new Reference("Coverage/" + coverage.getIdPart()));
        return List.of(coverage, claim);
    }
}
