package dev.payeraccess.sandbox.fhir.records;

import dev.payeraccess.sandbox.TestMember;
import java.time.LocalDate;
import java.time.Period;
import java.util.Map;

/**
 * Where a member lives, derived from the postal code the seeds give, and how old they are on the day the
 * synthetic history starts (never on "today", which would make the records drift).
 */
record Residence(String city, String state) {

    static final LocalDate HISTORY_START = LocalDate.of(2023, 1, 1);

    private static final Map<String, Residence> BY_POSTAL_CODE = Map.of(
        "02116", new Residence("Boston", "MA"),
        "02109", new Residence("Boston", "MA"),
        "02114", new Residence("Boston", "MA"),
        "01810", new Residence("Andover", "MA"),
        "15239", new Residence("Pittsburgh", "PA"));

    static Residence of(TestMember member) {
        Residence known = BY_POSTAL_CODE.get(member.postalCode());
        if (known != null) {
            return known;
        }
        // Postal codes starting with 15 are western Pennsylvania; everything else is served from Boston.
        return member.postalCode().startsWith("15") ? new Residence("Pittsburgh", "PA") : new Residence("Boston", "MA");
    }

    static int ageOf(TestMember member) {
        return Period.between(member.birthDate(), HISTORY_START).getYears();
    }
}
