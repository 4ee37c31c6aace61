package dev.payeraccess.sandbox.fhir.records;

import dev.payeraccess.sandbox.TestMember;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

/**
 * The dependents enrolled under a member's subscription: a child (or, for the youngest member, a sibling)
 * with its own Patient id. Plans that let one login see the whole household answer a {@code Patient}
 * search with these besides the member ({@code SandboxControls#severalPatientsPerLogin}). Only the Patient
 * record exists; the dependents have no claims or coverage of their own here.
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
}
