package dev.payeraccess.sandbox.oauth;

import dev.payeraccess.sandbox.TestMember;
import dev.payeraccess.sandbox.TestMembers;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * The seeds' "Create an account" step: a member proves who they are with name, birthdate, member ID
 * and postal code, and ties an email to the member. As on the real sandbox, one email may belong to
 * one test member only.
 */
final class MemberVerification {

    static final DateTimeFormatter BIRTHDATE = DateTimeFormatter.ofPattern("MM/dd/uuuu", Locale.ROOT)
        .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final ConcurrentMap<String, String> memberIdByEmail = new ConcurrentHashMap<>();

    /** The verified member, or the message the page shows. */
    sealed interface Result {
        record Verified(TestMember member, String email) implements Result {
        }

        record Rejected(String message) implements Result {
        }
    }

    Result verify(Map<String, String> form) {
        Optional<String> missing = MemberForm.FIELDS.stream()
            .filter(f -> form.getOrDefault(f.name(), "").isBlank()).map(MemberForm.Field::label).findFirst();
        if (missing.isPresent()) {
            return new Result.Rejected(missing.get() + " is required.");
        }
        LocalDate birthDate;
        try {
            birthDate = LocalDate.parse(form.get("birthDate").trim(), BIRTHDATE);
        } catch (DateTimeParseException e) {
            return new Result.Rejected("Birthdate must be a date written MM/DD/YYYY, e.g. 01/04/2011.");
        }
        String email = form.get("email").trim().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(email).matches()) {
            return new Result.Rejected("Email must be an address like name@example.com.");
        }
        Optional<TestMember> member = TestMembers.byMemberId(form.get("memberId"))
            .filter(m -> matches(m, form, birthDate));
        if (member.isEmpty()) {
            return new Result.Rejected("We could not find a member with these details. Check each field against "
                + "the member ID card: first and last name, birthdate, member ID and postal code must all match.");
        }
        String owner = memberIdByEmail.putIfAbsent(email, member.get().memberId());
        if (owner != null && !owner.equals(member.get().memberId())) {
            return new Result.Rejected("This email is already used for another member. Use a different email.");
        }
        return new Result.Verified(member.get(), email);
    }

    private static boolean matches(TestMember member, Map<String, String> form, LocalDate birthDate) {
        return member.firstName().equalsIgnoreCase(form.get("firstName").trim())
            && member.lastName().equalsIgnoreCase(form.get("lastName").trim())
            && member.birthDate().equals(birthDate)
            && member.postalCode().equals(form.get("postalCode").trim());
    }
}
