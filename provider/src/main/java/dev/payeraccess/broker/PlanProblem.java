package dev.payeraccess.broker;

/**
 * A plan failed during linking. {@link #memberMessage()} is what the member reads on Keycloak's error
 * page; {@link #getMessage()} is for the server log. Neither ever contains a token or the plan's body.
 */
public final class PlanProblem extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String memberMessage;

    PlanProblem(int status, String memberMessage, String logMessage) {
        super(logMessage, null, false, false);
        this.status = status;
        this.memberMessage = memberMessage;
    }

    /** 400/401: the plan refused; 502: it failed or answered nonsense; 504: it did not answer in time. */
    public int status() {
        return status;
    }

    String memberMessage() {
        return memberMessage;
    }
}
