package dev.payeraccess.proxy.answer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;

/**
 * The start of one Bundle entry, held back until its resource's type (or content) says whether the app may see it.
 * Once released, writes go straight to the app.
 */
final class HeldEntry {

    private final JsonGenerator out;
    private TokenBuffer held = new TokenBuffer(null, false);
    private long heldChars;

    HeldEntry(JsonGenerator out) {
        this.out = out;
    }

    JsonGenerator sink() {
        return held == null ? out : held;
    }

    boolean isHeld() {
        return held != null;
    }

    /** A plan could send one endless entry; holding it would let one answer exhaust the server's memory. */
    void charge(int chars, int max) throws MalformedAnswerException {
        heldChars += chars;
        if (heldChars > max) {
            throw new MalformedAnswerException("one of its Bundle entries is larger than the proxy holds ("
                + max + " characters)");
        }
    }

    void release() throws IOException {
        if (held != null) {
            held.serialize(out);
            held = null;
        }
    }

    void discard() throws IOException {
        // Only a second "resource" field can arrive here after release; half the entry is already sent.
        if (held == null) {
            throw new MalformedAnswerException("a Bundle entry has two resources");
        }
        held = null;
    }
}
