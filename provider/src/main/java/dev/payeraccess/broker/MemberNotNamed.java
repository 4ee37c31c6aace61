package dev.payeraccess.broker;

import dev.payeraccess.plan.MemberPatient;
import dev.payeraccess.plan.PatientSource;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The plan completed the sign-in but no place of the plan's {@code patientSource} said which member it was,
 * or only a Patient search could tell and it found several. Linking stops rather than guess.
 */
final class MemberNotNamed extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean several;

    /** @param outcome {@link MemberPatient.Unnamed} or {@link MemberPatient.Several} */
    MemberNotNamed(String alias, List<PatientSource> asked, MemberPatient.Outcome outcome) {
        super(message(alias, asked, outcome), null, false, false);
        this.several = outcome instanceof MemberPatient.Several;
    }

    private static String message(String alias, List<PatientSource> asked, MemberPatient.Outcome outcome) {
        String order = asked.stream().map(PatientSource::configName).collect(Collectors.joining(", "));
        if (outcome instanceof MemberPatient.Several found) {
            return "plan " + alias + ": the Patient search found " + found.count() + " patients for this sign-in (a "
                + "member with dependents) and nothing else named the member (patientSource: " + order + "); not "
                + "linked rather than picking one";
        }
        return "plan " + alias + " named no patient (patientSource: " + order + "); check the plan's patientSource "
            + "setting against what its token response and id_token carry";
    }

    String memberMessage() {
        return several
            ? "The health plan shows more than one member for this sign-in (for example you and your dependents) and "
                + "did not say which one you are, so nothing was connected. Sign in to the plan with the login of the "
                + "member whose records you want to connect."
            : "The health plan did not say which member signed in, so the account could not be linked.";
    }
}
