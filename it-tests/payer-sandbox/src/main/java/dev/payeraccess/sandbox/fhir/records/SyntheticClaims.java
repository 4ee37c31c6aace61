package dev.payeraccess.sandbox.fhir.records;

import dev.payeraccess.sandbox.TestMember;
import dev.payeraccess.sandbox.fhir.records.CareSite.Kind;
import dev.payeraccess.sandbox.fhir.records.ClaimEvent.ClaimDates;
import dev.payeraccess.sandbox.fhir.records.ClaimEvent.ClaimLine;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Reference;

/**
 * A member's claims history: 10 to 16 adjudicated claims over two years, spread over the four CARIN
 * claim kinds, billed by the network sites and clinicians of the member's state.
 */
final class SyntheticClaims {

    private static final LocalDate FIRST_SERVICE = LocalDate.of(2023, 1, 9);
    private static final LocalDate LAST_SERVICE = LocalDate.of(2024, 11, 29);

    private final PlanDirectory directory;
    private final ClaimAssembler assembler;

    private record Provider(CareSite site, Clinician clinician, boolean billedByClinician) {
    }

    SyntheticClaims(PlanDirectory directory) {
        this.directory = directory;
        this.assembler = new ClaimAssembler(directory);
    }

    /** Newest first, the order a plan's claims portal lists them. */
    List<ExplanationOfBenefit> forMember(TestMember member, MemberSeed seed, Coverage coverage) {
        int count = seed.between(10, 16);
        List<ClaimKind> kinds = seed.shuffled(kindsOf(count));
        List<LocalDate> days = serviceDays(count, seed);
        Reference patient = new Reference("Patient/" + member.patientId())
            .setDisplay(member.firstName() + " " + member.lastName());
        List<ExplanationOfBenefit> claims = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ClaimEvent event = event(member, seed, i + 1, kinds.get(i), days.get(i));
            claims.add(assembler.assemble(event, patient, coverageOf(event, coverage)));
        }
        return claims;
    }

    /** One stay, two hospital outpatient visits, and office visits and prescription fills in equal measure. */
    private static List<ClaimKind> kindsOf(int count) {
        List<ClaimKind> kinds = new ArrayList<>(List.of(ClaimKind.INPATIENT_INSTITUTIONAL,
            ClaimKind.OUTPATIENT_INSTITUTIONAL, ClaimKind.OUTPATIENT_INSTITUTIONAL));
        while (kinds.size() < count) {
            kinds.add(kinds.size() % 2 == 0 ? ClaimKind.PROFESSIONAL : ClaimKind.PHARMACY);
        }
        return kinds;
    }

    private static List<LocalDate> serviceDays(int count, MemberSeed seed) {
        List<LocalDate> days = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            days.add(seed.dayBetween(FIRST_SERVICE, LAST_SERVICE));
        }
        days.sort(Comparator.reverseOrder());
        return days;
    }

    private ClaimEvent event(TestMember member, MemberSeed seed, int ordinal, ClaimKind kind, LocalDate day) {
        Episode episode = seed.pick(ServiceCatalog.episodes(kind, Residence.ageOf(member)));
        Provider provider = provider(kind, member, seed);
        int stay = kind == ClaimKind.INPATIENT_INSTITUTIONAL ? seed.between(2, 5) : 1;
        // Every fourth claim names its coverage without referencing it, as the seeds warn real plans do.
        boolean coverageLinked = ordinal % 4 != 0;
        return new ClaimEvent(seed.id("ExplanationOfBenefit", ordinal), "CLM" + day.getYear() + seed.digits(9),
            kind, dates(kind, day, stay, seed), provider.site(), provider.clinician(), provider.billedByClinician(),
            episode, lines(kind, episode, stay, seed), coverageLinked);
    }

    private Provider provider(ClaimKind kind, TestMember member, MemberSeed seed) {
        String state = Residence.of(member).state();
        Clinician primaryCare = directory.primaryCareFor(member);
        switch (kind) {
            case PHARMACY -> {
                return new Provider(seed.pick(directory.sites(Kind.PHARMACY, state)), primaryCare, false);
            }
            case PROFESSIONAL -> {
                Clinician clinician = seed.chance(0.5) ? primaryCare : seed.pick(directory.clinicians(state));
                return new Provider(directory.siteOf(clinician), clinician, seed.chance(0.4));
            }
            default -> {
                CareSite hospital = seed.pick(directory.sites(Kind.HOSPITAL, state));
                return new Provider(hospital, seed.pick(directory.cliniciansAt(hospital)), false);
            }
        }
    }

    /** Pharmacy claims adjudicate at the counter; the others arrive days later and are paid after review. */
    private static ClaimDates dates(ClaimKind kind, LocalDate day, int stay, MemberSeed seed) {
        LocalDate end = day.plusDays(stay - 1L);
        if (kind == ClaimKind.PHARMACY) {
            return new ClaimDates(day, end, end, end, end.plusDays(seed.between(7, 14)));
        }
        LocalDate received = end.plusDays(seed.between(1, 4));
        LocalDate created = received.plusDays(seed.between(3, 20));
        return new ClaimDates(day, end, received, created, created.plusDays(seed.between(1, 7)));
    }

    private static List<ClaimLine> lines(ClaimKind kind, Episode episode, int stay, MemberSeed seed) {
        List<ClaimLine> lines = new ArrayList<>();
        for (int i = 0; i < episode.services().size(); i++) {
            Service service = episode.services().get(i);
            int quantity = service.perDay() ? stay : service.quantity();
            BigDecimal charge = seed.around(service.charge().multiply(BigDecimal.valueOf(quantity)), 0.15);
            lines.add(new ClaimLine(i + 1, service, quantity, ClaimAmounts.adjudicate(kind, charge, i == 0, seed)));
        }
        return lines;
    }

    private static Reference coverageOf(ClaimEvent event, Coverage coverage) {
        String planName = coverage.getClass_().get(coverage.getClass_().size() - 1).getName();
        if (!event.coverageLinked()) {
            return new Reference().setDisplay(planName);
        }
        return new Reference("Coverage/" + coverage.getIdElement().getIdPart()).setDisplay(planName);
    }
}
