package dev.payeraccess.proxy.answer;

import java.io.IOException;
import java.io.InputStream;

/**
 * A plan's answer as the parser reads it, its latest bytes kept so that a value the parser has checked can be
 * passed on as the plan sent it ({@link RawValues}). Unmarked, it keeps what the parser's last two reads brought
 * (the current token starts there); marked, everything from the mark on, up to {@link #MAX_MARKED_BYTES}.
 *
 * <p>One answer, one thread.
 */
final class RecordedInput extends InputStream {

    /**
     * The most kept from a mark: a value is passed on in parts of about {@link RawValues#PART_BYTES}, each ending at
     * a token, so only one long string can make it more; a string is at most {@link RelayedAnswer#MAX_STRING_CHARS}.
     */
    static final int MAX_MARKED_BYTES = RelayedAnswer.MAX_STRING_CHARS + 2 * RawValues.PART_BYTES;

    private final InputStream in;
    private final byte[] one = new byte[1];
    private byte[] kept = new byte[16 * 1024];
    /** The offset in the answer of {@code kept[0]}. */
    private long base;
    private int length;
    private long previousRead;
    private long lastRead;
    private long mark = -1;
    private boolean utf8 = true;
    private long read;

    RecordedInput(InputStream in) {
        this.in = in;
    }

    /** The answer's offset just past the last byte read. */
    long end() {
        return base + length;
    }

    /**
     * Keeps everything from {@code offset} on, until {@link #unmark()}; false when that byte is no longer kept, or
     * the answer is not UTF-8 (Jackson also reads UTF-16 and UTF-32, which cannot be passed on as they are).
     */
    boolean mark(long offset) {
        if (!utf8 || offset < base || offset > end()) {
            return false;
        }
        mark = offset;
        return true;
    }

    /** Moves the mark on to {@code offset}: what lies before it has been passed on. */
    void markFrom(long offset) {
        mark = offset;
    }

    void unmark() {
        mark = -1;
    }

    /** The kept bytes and where {@code offset} is in them. */
    byte[] bytes() {
        return kept;
    }

    int index(long offset) {
        if (offset < base || offset > end()) {
            throw new IllegalStateException("byte " + offset + " is not kept");
        }
        return (int) (offset - base);
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            if (read < 4) {
                for (int i = 0; i < n && read + i < 4; i++) {
                    utf8 &= b[off + i] != 0; // UTF-16 and UTF-32 put a zero byte next to the first ASCII character
                }
            }
            read += n;
            keep(b, off, n);
        }
        return n;
    }

    private void keep(byte[] b, int off, int n) throws MalformedAnswerException {
        long from = mark >= 0 ? mark : previousRead;
        int drop = (int) Math.min(length, Math.max(0, from - base));
        if (drop > 0 && (drop >= kept.length / 2 || length + n > kept.length)) {
            System.arraycopy(kept, drop, kept, 0, length - drop);
            base += drop;
            length -= drop;
        }
        if (mark >= 0 && end() + n - mark > MAX_MARKED_BYTES) {
            throw new MalformedAnswerException("one of its values is longer than the proxy passes on ("
                + RelayedAnswer.MAX_STRING_CHARS + " bytes)");
        }
        if (length + n > kept.length) {
            byte[] grown = new byte[Math.max(length + n, kept.length * 2)];
            System.arraycopy(kept, 0, grown, 0, length);
            kept = grown;
        }
        System.arraycopy(b, off, kept, length, n);
        previousRead = lastRead;
        lastRead = base + length;
        length += n;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
