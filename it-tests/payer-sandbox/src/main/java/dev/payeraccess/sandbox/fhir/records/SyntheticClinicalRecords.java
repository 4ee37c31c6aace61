package dev.payeraccess.sandbox.fhir.records;

import dev.payeraccess.sandbox.TestMember;
import dev.payeraccess.sandbox.fhir.records.Terminology.Code;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The clinical data a payer holds about a member and hands on in payer-to-payer exchange: office
 * encounters with their vital signs, allergies and active prescriptions.
 */
final class SyntheticClinicalRecords {

    private static final LocalDate FIRST_VISIT = LocalDate.of(2023, 2, 1);
    private static final LocalDate LAST_VISIT = LocalDate.of(2024, 11, 22);

    private static final List<Code> VISIT_REASONS = List.of(
        new Code(Terminology.SNOMED, "185349003", "Encounter for check up"),
        new Code(Terminology.SNOMED, "390906007", "Follow-up encounter"),
        new Code(Terminology.SNOMED, "185345009", "Encounter for symptom"));
    private static final List<Allergy> ALLERGIES = List.of(
        new Allergy(new Code(Terminology.SNOMED, "91936005", "Allergy to penicillin"),
            AllergyIntolerance.AllergyIntoleranceCategory.MEDICATION),
        new Allergy(new Code(Terminology.SNOMED, "91935009", "Allergy to peanuts"),
            AllergyIntolerance.AllergyIntoleranceCategory.FOOD),
        new Allergy(new Code(Terminology.SNOMED, "300916003", "Latex allergy"),
            AllergyIntolerance.AllergyIntoleranceCategory.ENVIRONMENT),
        new Allergy(new Code(Terminology.SNOMED, "91939003", "Allergy to sulfonamide"),
            AllergyIntolerance.AllergyIntoleranceCategory.MEDICATION));
    private static final List<Prescription> PRESCRIPTIONS = List.of(
        new Prescription(new Code(Terminology.RXNORM, "617310", "atorvastatin 20 MG Oral Tablet"),
            "Take 1 tablet by mouth once daily", 18),
        new Prescription(new Code(Terminology.RXNORM, "861007", "metformin hydrochloride 500 MG Oral Tablet"),
            "Take 1 tablet by mouth twice daily with meals", 18),
        new Prescription(new Code(Terminology.RXNORM, "314076", "lisinopril 10 MG Oral Tablet"),
            "Take 1 tablet by mouth once daily", 18),
        new Prescription(new Code(Terminology.RXNORM, "745679", "albuterol 0.09 MG/ACTUAT Metered Dose Inhaler"),
            "Inhale 2 puffs every 4 to 6 hours as needed for wheezing", 4),
        new Prescription(new Code(Terminology.RXNORM, "1014678", "cetirizine hydrochloride 10 MG Oral Tablet"),
            "Take 1 tablet by mouth once daily as needed for allergies", 2));

    private final PlanDirectory directory;

    private record Allergy(Code code, AllergyIntolerance.AllergyIntoleranceCategory category) {
    }

    private record Prescription(Code code, String instructions, int minAge) {
    }

    SyntheticClinicalRecords(PlanDirectory directory) {
        this.directory = directory;
    }

    List<Resource> forMember(TestMember member, MemberSeed seed) {
        Reference patient = new Reference("Patient/" + member.patientId())
            .setDisplay(member.firstName() + " " + member.lastName());
        Clinician primaryCare = directory.primaryCareFor(member);
        List<LocalDate> visits = visitDays(seed.between(2, 4), seed);
        List<Resource> records = new ArrayList<>();
        for (int i = 0; i < visits.size(); i++) {
            Encounter encounter = encounter(seed.id("Encounter", i + 1), visits.get(i), patient, primaryCare, seed);
            records.add(encounter);
            records.addAll(vitalSigns(member, encounter, i + 1, seed));
        }
        List<Allergy> allergies = seed.shuffled(ALLERGIES).subList(0, seed.between(1, 3));
        for (int i = 0; i < allergies.size(); i++) {
            records.add(allergy(seed.id("AllergyIntolerance", i + 1), allergies.get(i), patient, visits.get(0)));
        }
        List<Prescription> prescriptions = prescriptionsFor(member, seed);
        for (int i = 0; i < prescriptions.size(); i++) {
            LocalDate authored = visits.get(i % visits.size());
            records.add(prescription(seed.id("MedicationRequest", i + 1), prescriptions.get(i), patient, primaryCare,
                authored));
        }
        return records;
    }

    private static List<Prescription> prescriptionsFor(TestMember member, MemberSeed seed) {
        int age = Residence.ageOf(member);
        List<Prescription> suitable = PRESCRIPTIONS.stream().filter(p -> age >= p.minAge()).toList();
        return seed.shuffled(suitable).subList(0, Math.min(suitable.size(), seed.between(2, 3)));
    }

    private static List<LocalDate> visitDays(int count, MemberSeed seed) {
        List<LocalDate> days = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            days.add(seed.dayBetween(FIRST_VISIT, LAST_VISIT));
        }
        days.sort(Comparator.reverseOrder());
        return days;
    }

    private Encounter encounter(String id, LocalDate day, Reference patient, Clinician clinician, MemberSeed seed) {
        Encounter encounter = new Encounter();
        FirstVersion.stamp(encounter, id, recordedAfter(day), Terminology.US_CORE + "us-core-encounter");
        CareSite site = directory.siteOf(clinician);
        LocalDateTime start = day.atTime(seed.between(13, 21), seed.pick(List.of(0, 15, 30, 45)));
        encounter.setStatus(Encounter.EncounterStatus.FINISHED)
            .setClass_(Terminology.coding(Terminology.ACT_CODE, "AMB", "ambulatory"))
            .addType(Terminology.concept(Terminology.CPT, "99213",
                "Office or other outpatient visit, established patient, low MDM"))
            .setSubject(patient.copy())
            .setPeriod(new Period().setStartElement(utc(start)).setEndElement(utc(start.plusMinutes(30))))
            .addReasonCode(Terminology.concept(seed.pick(VISIT_REASONS)))
            .setServiceProvider(directory.organization(site.id()));
        encounter.addParticipant()
            .addType(Terminology.concept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "PPRF",
                "primary performer"))
            .setIndividual(directory.practitioner(clinician));
        encounter.addLocation().setLocation(directory.location(site.id()));
        return encounter;
    }

    private static List<Observation> vitalSigns(TestMember member, Encounter encounter, int visit, MemberSeed seed) {
        boolean child = Residence.ageOf(member) < 18;
        Observation heartRate = vitalSign(seed.id("Observation", visit * 10 + 1), encounter,
            new Code(Terminology.LOINC, "8867-4", "Heart rate"), "us-core-heart-rate",
            new Quantity(seed.between(child ? 70 : 58, child ? 100 : 92)).setUnit("beats/minute")
                .setSystem(Terminology.UCUM).setCode("/min"));
        double kilograms = child ? seed.fraction(38, 55) : seed.fraction(58, 98);
        Observation weight = vitalSign(seed.id("Observation", visit * 10 + 2), encounter,
            new Code(Terminology.LOINC, "29463-7", "Body weight"), "us-core-body-weight",
            new Quantity().setValue(BigDecimal.valueOf(kilograms).setScale(1, RoundingMode.HALF_UP)).setUnit("kg")
                .setSystem(Terminology.UCUM).setCode("kg"));
        return List.of(heartRate, weight);
    }

    private static Observation vitalSign(String id, Encounter encounter, Code code, String profile, Quantity value) {
        Observation observation = new Observation();
        Instant recorded = encounter.getMeta().getLastUpdated().toInstant();
        FirstVersion.stamp(observation, id, recorded, Terminology.US_CORE + profile);
        observation.setStatus(Observation.ObservationStatus.FINAL)
            .addCategory(Terminology.concept(Terminology.OBSERVATION_CATEGORY, "vital-signs", "Vital Signs"))
            .setCode(Terminology.concept(code))
            .setSubject(encounter.getSubject().copy())
            .setEncounter(new Reference("Encounter/" + encounter.getIdElement().getIdPart()))
            .setEffective(encounter.getPeriod().getStartElement().copy())
            .setValue(value);
        return observation;
    }

    private static AllergyIntolerance allergy(String id, Allergy allergy, Reference patient, LocalDate noted) {
        AllergyIntolerance intolerance = new AllergyIntolerance();
        FirstVersion.stamp(intolerance, id, recordedAfter(noted), Terminology.US_CORE + "us-core-allergyintolerance");
        intolerance.setClinicalStatus(Terminology.concept(Terminology.ALLERGY_CLINICAL, "active", "Active"))
            .setVerificationStatus(Terminology.concept(Terminology.ALLERGY_VERIFICATION, "confirmed", "Confirmed"))
            .setType(AllergyIntolerance.AllergyIntoleranceType.ALLERGY)
            .addCategory(allergy.category())
            .setCriticality(AllergyIntolerance.AllergyIntoleranceCriticality.LOW)
            .setCode(Terminology.concept(allergy.code()))
            .setPatient(patient.copy())
            .setRecordedDateElement(new DateTimeType(noted.toString()));
        intolerance.addReaction()
            .addManifestation(Terminology.concept(Terminology.SNOMED, "247472004", "Hives"));
        return intolerance;
    }

    private static MedicationRequest prescription(String id, Prescription prescription, Reference patient,
                                                  Clinician prescriber, LocalDate authored) {
        MedicationRequest request = new MedicationRequest();
        FirstVersion.stamp(request, id, recordedAfter(authored), Terminology.US_CORE + "us-core-medicationrequest");
        request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
            .setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
            .setMedication(Terminology.concept(prescription.code()))
            .setSubject(patient.copy())
            .setAuthoredOnElement(new DateTimeType(authored.toString()))
            .setRequester(new Reference("Practitioner/" + prescriber.id()).setDisplay(prescriber.displayName()));
        request.addDosageInstruction().setText(prescription.instructions());
        return request;
    }

    private static DateTimeType utc(LocalDateTime time) {
        return new DateTimeType(time.toInstant(ZoneOffset.UTC).toString());
    }

    /** Clinical systems sync to the plan overnight, so records appear the morning after the visit. */
    private static Instant recordedAfter(LocalDate day) {
        return day.plusDays(1).atTime(6, 0).toInstant(ZoneOffset.UTC);
    }
}
