package dev.payeraccess.proxy.answer;

import java.io.IOException;

/**
 * The plan answered something that is not a FHIR JSON resource the proxy can pass on. The message says what is
 * wrong and where, never what the document holds: it may be a member's health data.
 */
public final class MalformedAnswerException extends IOException {

    private static final long serialVersionUID = 1L;

    MalformedAnswerException(String problem) {
        super("The plan's answer cannot be passed on: " + problem + ".");
    }
}
