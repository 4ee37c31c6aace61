package dev.payeraccess.sandbox;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The five test members of the seeds (002 and 004). Constant data, no state. */
public final class TestMembers {

    public static final TestMember MAYTE = new TestMember(
        "mayte822-venegas795", "Mayte822", "Venegas795", LocalDate.of(2011, 1, 4), "01-testmemid", "02116", "female");
    public static final TestMember SHERIE = new TestMember(
        "sherie778-fahey393", "Sherie778", "Fahey393", LocalDate.of(1974, 4, 29), "02-testmemid", "01810", "female");
    public static final TestMember DELMAR = new TestMember(
        "delmar187-tromp100", "Delmar187", "Tromp100", LocalDate.of(1961, 5, 15), "03-testmemid", "02109", "male");
    public static final TestMember GEORGE = new TestMember(
        "george-bluth", "George", "Bluth", LocalDate.of(1943, 1, 1), "04-testmemid", "15239", "male");
    public static final TestMember JASON = new TestMember(
        "jason-argonaut", "Jason", "Argonaut", LocalDate.of(1986, 1, 1), "08-testmemid", "02114", "male");

    private static final List<TestMember> ALL = List.of(MAYTE, SHERIE, DELMAR, GEORGE, JASON);

    private TestMembers() {
    }

    public static List<TestMember> all() {
        return ALL;
    }

    public static Optional<TestMember> byPatientId(String patientId) {
        return ALL.stream().filter(m -> m.patientId().equals(patientId)).findFirst();
    }

    public static Optional<TestMember> byMemberId(String memberId) {
        return ALL.stream().filter(m -> m.memberId().equalsIgnoreCase(memberId.trim())).findFirst();
    }
}
