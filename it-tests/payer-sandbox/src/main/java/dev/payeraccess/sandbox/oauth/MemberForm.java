package dev.payeraccess.sandbox.oauth;

import java.util.List;

/** The fields of the member verification page, in the order the seeds list them. */
final class MemberForm {

    record Field(String name, String label, String autocomplete, String placeholder) {
    }

    static final List<Field> FIELDS = List.of(
        new Field("firstName", "First name", "given-name", ""),
        new Field("lastName", "Last name", "family-name", ""),
        new Field("birthDate", "Birthdate", "bday", "MM/DD/YYYY"),
        new Field("memberId", "Member ID", "off", "e.g. 01-testmemid"),
        new Field("postalCode", "Postal code", "postal-code", ""),
        new Field("email", "Email", "email", "you@example.com"));

    private MemberForm() {
    }
}
