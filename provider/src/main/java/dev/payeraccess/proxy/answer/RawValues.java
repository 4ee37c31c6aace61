package dev.payeraccess.proxy.answer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Passes on an object or array of a plan's answer as the bytes the plan sent, once the parser has read them (so they
 * are JSON within the parser's bounds, and no object names a key twice), without the whitespace between tokens: only
 * a string value that is a URL on the plan's FHIR base is written anew, moved onto the proxy's
 * ({@link PlanBaseUrls}). On the way every string is looked at here, byte by byte: its UTF-8 must be well formed and
 * it may hold no control character, as the parser would require if it had read the string rather than skipped it,
 * and it is at most {@link RelayedAnswer#MAX_STRING_CHARS} bytes.
 *
 * <p>One answer, one thread.
 */
final class RawValues {

    /** About how much of a long value is passed on at a time: its parts end where a token starts. */
    static final int PART_BYTES = 32 * 1024;
    /** From this many bytes on, a run is written to the generator's stream rather than into its buffer. */
    private static final int WRITE_BYTES = 1024;

    private static final byte[] QUOTE = {'"'};

    /** What a byte is within a string: one table look instead of a comparison for each kind. */
    private static final byte PLAIN = 0;
    private static final byte QUOTE_BYTE = 1;
    private static final byte ESCAPE = 2;
    private static final byte CONTROL = 3;
    private static final byte MULTI_BYTE = 4;
    private static final byte[] KIND = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            KIND[c] = c < 0x20 ? CONTROL : c == '"' ? QUOTE_BYTE : c == '\\' ? ESCAPE : c < 0x80 ? PLAIN : MULTI_BYTE;
        }
    }

    private final PlanBaseUrls urls;
    private final byte[] planBase;
    private final Part part = new Part();
    /** Whether the string {@link #stringEnd} last ended holds an escape. */
    private boolean escaped;

    RawValues(PlanBaseUrls urls) {
        this.urls = urls;
        this.planBase = urls.planBase().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes the answer's bytes from {@code from} to {@code to} (both outside any string) to {@code out}, which
     * knows the value is being written raw; plan URLs moved. While {@code held} holds its entry, they count against
     * its bound.
     */
    void pass(RecordedInput input, long from, long to, JsonGenerator out, HeldEntry held, int maxHeldChars)
        throws IOException {
        if (held != null && held.isHeld()) {
            held.charge((int) (to - from), maxHeldChars);
        }
        byte[] b = input.bytes();
        int end = input.index(to);
        int copied = input.index(from);
        int i = copied;
        while (i < end) {
            byte c = b[i];
            if (isSpace(c)) {
                write(b, copied, i, out); // compact, as the rest of the answer is
                while (i < end && isSpace(b[i])) {
                    i++;
                }
                copied = i;
                continue;
            }
            if (c != '"') {
                i++;
                continue;
            }
            int close = stringEnd(b, i + 1, end);
            if (!isName(b, close + 1, end) && mayBePlanUrl(b, i + 1, close, escaped)) {
                String value = decoded(b, i + 1, close);
                if (urls.isPlanUrl(value)) {
                    write(b, copied, i, out);
                    byte[] moved = JsonStringEncoder.getInstance().quoteAsUTF8(urls.moved(value));
                    write(QUOTE, 0, 1, out);
                    write(moved, 0, moved.length, out);
                    write(QUOTE, 0, 1, out);
                    copied = close + 1;
                }
            }
            i = close + 1;
        }
        write(b, copied, end, out);
    }

    /**
     * The index of the quote that ends the string starting at {@code start}; its content checked on the way, and
     * {@link #escaped} set when it holds an escape.
     */
    private int stringEnd(byte[] b, int start, int end) throws MalformedAnswerException {
        escaped = false;
        int i = start;
        while (i < end) {
            byte kind = KIND[b[i] & 0xff];
            if (kind == PLAIN) {
                i++;
            } else if (kind == QUOTE_BYTE) {
                if (i - start > RelayedAnswer.MAX_STRING_CHARS) {
                    throw new MalformedAnswerException("one of its strings is longer than the proxy passes on ("
                        + RelayedAnswer.MAX_STRING_CHARS + " bytes)");
                }
                return i;
            } else if (kind == ESCAPE) {
                escaped = true;
                i += 2; // the parser has checked the escape; what follows it is never a quote that ends the string
            } else if (kind == CONTROL) {
                throw new MalformedAnswerException("one of its strings holds a control character");
            } else {
                i += utf8Sequence(b, i, end);
            }
        }
        throw new MalformedAnswerException("one of its strings does not end where the parser said");
    }

    /** The length of the well-formed UTF-8 sequence at {@code i}. */
    private static int utf8Sequence(byte[] b, int i, int end) throws MalformedAnswerException {
        int lead = b[i] & 0xff;
        int length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
            : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
        if (length == 0 || i + length > end) {
            throw new MalformedAnswerException("one of its strings is not UTF-8");
        }
        for (int k = 1; k < length; k++) {
            if ((b[i + k] & 0xC0) != 0x80) {
                throw new MalformedAnswerException("one of its strings is not UTF-8");
            }
        }
        int second = b[i + 1] & 0xff;
        if (lead == 0xE0 && second < 0xA0 || lead == 0xED && second > 0x9F || lead == 0xF0 && second < 0x90
            || lead == 0xF4 && second > 0x8F) {
            throw new MalformedAnswerException("one of its strings is not UTF-8"); // overlong, surrogate, too high
        }
        return length;
    }

    /** Whether the string just closed is an object's key: a colon follows it. */
    private static boolean isName(byte[] b, int i, int end) {
        while (i < end && isSpace(b[i])) {
            i++;
        }
        return i < end && b[i] == ':';
    }

    /** JSON's whitespace, outside strings. */
    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /**
     * A quick look at the bytes: the plan's base and then the end, a path or a query; a string with an escape goes to
     * the full look, as an escaped character could spell the base.
     */
    private boolean mayBePlanUrl(byte[] b, int start, int close, boolean hasEscape) {
        if (hasEscape) {
            return true;
        }
        int n = planBase.length;
        if (close - start < n || close - start > n && b[start + n] != '/' && b[start + n] != '?') {
            return false;
        }
        return Arrays.equals(b, start, start + n, planBase, 0, n);
    }

    /** The string's value, escapes resolved (only for strings that may be plan URLs). */
    private static String decoded(byte[] b, int start, int close) throws MalformedAnswerException {
        StringBuilder value = new StringBuilder(close - start);
        int i = start;
        while (i < close) {
            int run = i;
            while (i < close && b[i] != '\\') {
                i++;
            }
            value.append(StandardCharsets.UTF_8.decode(ByteBuffer.wrap(b, run, i - run)));
            if (i < close) {
                char escaped = (char) b[i + 1];
                switch (escaped) {
                    case '"', '\\', '/' -> value.append(escaped);
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'u' -> {
                        if (i + 6 > close) {
                            throw new MalformedAnswerException("one of its strings has a broken escape");
                        }
                        value.append((char) Integer.parseInt(new String(b, i + 2, 4, StandardCharsets.US_ASCII), 16));
                        i += 4;
                    }
                    default -> throw new MalformedAnswerException("one of its strings has a broken escape");
                }
                i += 2;
            }
        }
        return value.toString();
    }

    /**
     * A short run goes into the generator's buffer; a long one straight to its stream, after what the generator
     * holds (it never flushes the app's stream itself, see {@link RelayedAnswer}).
     */
    private void write(byte[] b, int from, int to, JsonGenerator out) throws IOException {
        if (to - from >= WRITE_BYTES) {
            out.flush();
            ((OutputStream) out.getOutputTarget()).write(b, from, to - from);
        } else if (to > from) {
            out.writeRaw(part.of(b, from, to - from));
        }
    }

    /** A range of bytes the generator copies into its own buffer. */
    private static final class Part implements SerializableString {
        private byte[] bytes;
        private int offset;
        private int length;

        Part of(byte[] b, int off, int len) {
            this.bytes = b;
            this.offset = off;
            this.length = len;
            return this;
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int at) {
            if (buffer.length - at < length) {
                return -1;
            }
            System.arraycopy(bytes, offset, buffer, at, length);
            return length;
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return Arrays.copyOfRange(bytes, offset, offset + length); // only when the generator's buffer is full
        }

        @Override
        public String getValue() {
            return new String(bytes, offset, length, StandardCharsets.UTF_8);
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public char[] asQuotedChars() {
            throw new UnsupportedOperationException("raw JSON bytes");
        }

        @Override
        public byte[] asQuotedUTF8() {
            throw new UnsupportedOperationException("raw JSON bytes");
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int at) {
            throw new UnsupportedOperationException("raw JSON bytes");
        }

        @Override
        public int appendQuoted(char[] buffer, int at) {
            throw new UnsupportedOperationException("raw JSON bytes");
        }

        @Override
        public int appendUnquoted(char[] buffer, int at) {
            throw new UnsupportedOperationException("raw JSON bytes");
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) {
            throw new UnsupportedOperationException("raw JSON bytes");
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(bytes, offset, length);
            return length;
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            throw new UnsupportedOperationException("raw JSON bytes");
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer out) {
            throw new UnsupportedOperationException("raw JSON bytes");
        }
    }
}
