package dev.payeraccess.broker;

/**
 * The plan completed the sign-in but said nowhere which member it was: no {@code patient} in the token
 * response, none in the id_token, and a Patient search found no single Patient. Linking stops rather
 * than guess.
 */
final class MemberNotNamed extends Exception {

    private static final long serialVersionUID = 1L;

    MemberNotNamed(String alias) {
        super("plan " + alias + " named no patient (token response, id_token, Patient search)", null, false, false);
    }

    String memberMessage() {
        return "The health plan did not say which member signed in, so the account could not be linked.";
    }
}
