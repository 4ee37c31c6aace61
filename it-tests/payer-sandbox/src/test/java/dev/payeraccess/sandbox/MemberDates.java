package dev.payeraccess.sandbox;

import java.time.format.DateTimeFormatter;

/** Birthdates as the verification page and the seeds write them. */
final class MemberDates {

    static final DateTimeFormatter MM_DD_YYYY = DateTimeFormatter.ofPattern("MM/dd/yyyy");

    private MemberDates() {
    }
}
