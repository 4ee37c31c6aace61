package dev.payeraccess.proxy.answer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One Bundle entry on its way to the app, held back until its resource's type (or content) says whether the app may
 * see it; once released, what follows goes straight to the app.
 *
 * <p>When the app's generator writes bytes to a stream (the proxy's answers always do), the entry is written once,
 * as JSON, into a buffer the rewriter reuses from entry to entry ({@link EntryBytes}); released, those bytes are
 * passed to the stream as they are. Otherwise (a generator writing characters) it is held as tokens and replayed.
 * Either way {@link #sink()} is where the entry is written, start to end, and {@link #finish()} ends it.
 */
final class HeldEntry {

    private final JsonGenerator out;
    private final EntryBytes bytes;
    private final JsonGenerator entry;
    private TokenBuffer tokens;
    private boolean held = true;
    private long heldChars;

    private HeldEntry(JsonGenerator out, EntryBytes bytes, JsonGenerator entry, TokenBuffer tokens) {
        this.out = out;
        this.bytes = bytes;
        this.entry = entry;
        this.tokens = tokens;
    }

    /** Starts an entry of {@code out}'s open array, held; {@code bytes} is the buffer kept for the whole answer. */
    static HeldEntry start(JsonGenerator out, EntryBytes bytes) throws IOException {
        if (out.getOutputTarget() instanceof OutputStream) {
            bytes.hold();
            return new HeldEntry(out, bytes, bytes.generator(), null);
        }
        return new HeldEntry(out, null, null, new TokenBuffer(null, false));
    }

    JsonGenerator sink() {
        if (entry != null) {
            return entry;
        }
        return held ? tokens : out;
    }

    boolean isHeld() {
        return held;
    }

    /** A plan could send one endless entry; holding it would let one answer exhaust the server's memory. */
    void charge(int chars, int max) throws MalformedAnswerException {
        heldChars += chars;
        if (heldChars > max) {
            throw new MalformedAnswerException("one of its Bundle entries is larger than the proxy holds ("
                + max + " characters)");
        }
    }

    /** From now on the entry goes to the app: what was held first. */
    void release() throws IOException {
        if (!held) {
            return;
        }
        held = false;
        if (entry == null) {
            tokens.serialize(out);
            tokens = null;
            return;
        }
        entry.flush(); // into the buffer: the entry's generator never flushes the app's stream
        out.writeRawValue(""); // the separator before the entry, and the app's generator knows a value was written
        out.flush();
        bytes.passTo((OutputStream) out.getOutputTarget());
    }

    /** Leaves the entry out; nothing of it has reached the app. */
    void discard() throws IOException {
        // Only a second "resource" field can arrive here after release; half the entry is already sent.
        if (!held) {
            throw new MalformedAnswerException("a Bundle entry has two resources");
        }
        tokens = null;
        if (entry != null) {
            bytes.drop();
            bytes.closeGenerator(); // it stopped inside the entry: the next one gets a new generator
        }
    }

    /** The entry's end has been written to {@link #sink()}: all of it goes to the app, before anything else does. */
    void finish() throws IOException {
        release();
        if (entry != null) {
            entry.flush(); // its last bytes, through to the app's stream; the generator is ready for the next entry
            bytes.drop();
        }
    }

    /**
     * The bytes of the entry being written: kept while it is held (in one array, reused for every entry of the
     * answer, grown to the largest held), passed on to the app's stream once released, dropped when left out. The
     * generator that writes them is kept too: each entry it ends leaves it at its top level, ready for the next one.
     */
    static final class EntryBytes extends OutputStream {
        private byte[] buffer = new byte[8 * 1024];
        private int length;
        private final byte[] one = new byte[1];
        private OutputStream target;
        private boolean dropping;
        private JsonGenerator generator;

        /** The generator of the entries, one value after another with nothing between them. */
        JsonGenerator generator() throws IOException {
            if (generator == null) {
                generator = RelayedAnswer.entryGenerator(this);
                generator.setRootValueSeparator(null);
            }
            return generator;
        }

        /**
         * Closes the generator (its buffers go back to Jackson's pool) after the entries, or when it stopped inside an
         * entry left out; a next entry gets a new one. Writes nothing: what it wrote was flushed at each entry's end,
         * and the JSON factory leaves unfinished content as it is.
         */
        void closeGenerator() throws IOException {
            JsonGenerator closed = generator;
            generator = null;
            if (closed != null) {
                closed.close();
            }
        }

        void hold() {
            length = 0;
            target = null;
            dropping = false;
        }

        void passTo(OutputStream app) throws IOException {
            app.write(buffer, 0, length);
            length = 0;
            target = app;
        }

        void drop() {
            length = 0;
            target = null;
            dropping = true;
        }

        @Override
        public void write(int b) throws IOException {
            one[0] = (byte) b;
            write(one, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (dropping) {
                return;
            }
            if (target != null) {
                target.write(b, off, len);
                return;
            }
            if (length + len > buffer.length) {
                byte[] grown = new byte[Math.max(length + len, buffer.length * 2)];
                System.arraycopy(buffer, 0, grown, 0, length);
                buffer = grown;
            }
            System.arraycopy(b, off, buffer, length, len);
            length += len;
        }
    }
}
