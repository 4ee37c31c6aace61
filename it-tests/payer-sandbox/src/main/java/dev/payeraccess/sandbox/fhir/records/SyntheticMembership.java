package dev.payeraccess.sandbox.fhir.records;

import dev.payeraccess.sandbox.TestMember;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/** A member's demographics and coverage as the plan's enrollment system holds them. */
final class SyntheticMembership {

    static final LocalDate COVERAGE_END = LocalDate.of(2025, 12, 31);
    /** When enrollment data was loaded; fixed so reads are repeatable. */
    private static final Instant ENROLLED = Instant.parse("2023-01-03T09:30:00Z");

    private final PlanDirectory directory;

    SyntheticMembership(PlanDirectory directory) {
        this.directory = directory;
    }

    Patient patient(TestMember member, MemberSeed seed) {
        Patient patient = new Patient();
        FirstVersion.stamp(patient, member.patientId(), ENROLLED, Terminology.C4BB_PATIENT);
        patient.addIdentifier(memberIdentifier(member));
        patient.setActive(true)
            .setGender(AdministrativeGender.fromCode(member.gender()))
            .setBirthDateElement(new DateType(member.birthDate().toString()))
            .addName(new HumanName()
                .setUse(HumanName.NameUse.OFFICIAL)
                .setFamily(member.lastName())
                .addGiven(member.firstName()));
        patient.addTelecom()
            .setSystem(ContactPoint.ContactPointSystem.PHONE)
            .setUse(ContactPoint.ContactPointUse.HOME)
            .setValue("555-" + seed.digits(3) + "-" + seed.digits(4));
        patient.addAddress(homeAddress(member, seed));
        patient.addGeneralPractitioner(directory.practitioner(directory.primaryCareFor(member)));
        patient.setManagingOrganization(directory.plan());
        return patient;
    }

    /** The medical coverage first; about half the members also hold the dental plan. */
    List<Coverage> coverages(TestMember member, MemberSeed seed) {
        boolean senior = Residence.ageOf(member) >= 65;
        List<Coverage> coverages = new ArrayList<>();
        coverages.add(coverage(member, seed.id("Coverage", 1),
            senior ? PlanProduct.MEDICARE_ADVANTAGE : PlanProduct.COMMERCIAL_PPO));
        if (!senior && seed.chance(0.5)) {
            coverages.add(coverage(member, seed.id("Coverage", 2), PlanProduct.DENTAL));
        }
        return coverages;
    }

    private Coverage coverage(TestMember member, String id, PlanProduct product) {
        Coverage coverage = new Coverage();
        FirstVersion.stamp(coverage, id, ENROLLED, Terminology.C4BB_COVERAGE);
        coverage.addIdentifier(memberIdentifier(member));
        Reference patient = new Reference("Patient/" + member.patientId())
            .setDisplay(member.firstName() + " " + member.lastName());
        coverage.setStatus(Coverage.CoverageStatus.ACTIVE)
            .setType(Terminology.concept(product.type()))
            .setSubscriber(patient.copy())
            .setSubscriberId(member.memberId())
            .setBeneficiary(patient)
            .setRelationship(Terminology.concept(Terminology.SUBSCRIBER_RELATIONSHIP, "self", "Self"))
            .setPeriod(new Period()
                .setStartElement(new DateTimeType(Residence.HISTORY_START.toString()))
                .setEndElement(new DateTimeType(COVERAGE_END.toString())))
            .addPayor(directory.plan())
            .setNetwork("Demo Health Plan Network");
        coverage.addClass_()
            .setType(Terminology.concept(Terminology.COVERAGE_CLASS, "group", "Group"))
            .setValue(product.groupCode())
            .setName(product.groupName());
        coverage.addClass_()
            .setType(Terminology.concept(Terminology.COVERAGE_CLASS, "plan", "Plan"))
            .setValue(product.planCode())
            .setName(product.planName());
        return coverage;
    }

    private static Identifier memberIdentifier(TestMember member) {
        return new Identifier()
            .setUse(Identifier.IdentifierUse.USUAL)
            .setType(Terminology.concept(Terminology.V2_0203, "MB", "Member Number"))
            .setSystem(Terminology.MEMBER_ID)
            .setValue(member.memberId());
    }

    private static org.hl7.fhir.r4.model.Address homeAddress(TestMember member, MemberSeed seed) {
        Residence residence = Residence.of(member);
        String street = seed.pick(List.of("Maple Street", "Beacon Street", "Commonwealth Avenue", "Elm Road",
            "Washington Street", "Chestnut Lane"));
        return new org.hl7.fhir.r4.model.Address()
            .setUse(org.hl7.fhir.r4.model.Address.AddressUse.HOME)
            .addLine(seed.between(10, 990) + " " + street)
            .setCity(residence.city())
            .setState(residence.state())
            .setPostalCode(member.postalCode())
            .setCountry("US");
    }
}
