package dev.payeraccess.proxy.answer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.payeraccess.proxy.answer.TokenCopier.NotedValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads an object or array of a plan's answer straight from the parser's buffer ({@link PassingParser}), byte by
 * byte, and passes it on as the bytes the plan sent, without the whitespace between tokens: only a string value that
 * is a URL on the plan's FHIR base is written anew, moved onto the proxy's ({@link PlanBaseUrls}). What Jackson would
 * check, it checks on the way, with the same bounds (the parser's {@link StreamReadConstraints}): the JSON grammar,
 * the nesting depth, the length of strings, names and numbers, escapes, well-formed UTF-8 and no control character
 * in a string; and, as {@link UniqueNames} does for tokens, that no object names a key twice (names compared as
 * their unescaped UTF-8). While it is handed {@link NotedValues}, it notes the strings of that field name the value
 * holds itself, as {@link TokenCopier#copyValue} does.
 *
 * <p>A token the buffer ends in the middle of is gathered whole first; only a string can be long, and it is bounded
 * as the parser bounds it.
 *
 * <p>One answer, one thread.
 */
final class RawValues {

    /** From this many bytes on, a run is written to the generator's stream rather than into its buffer. */
    private static final int WRITE_BYTES = 1024;
    /** Up to this many names of one object are compared one by one; past it, they go into a set. */
    private static final int LISTED = 32;

    private static final byte[] QUOTE = {'"'};
    private static final byte[] OPEN_OBJECT = {'{'};
    private static final byte[] OPEN_ARRAY = {'['};
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

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

    /** Eight bytes of a string looked at as one long. */
    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class,
        ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** What the grammar lets come next. */
    private static final int VALUE = 0;
    private static final int VALUE_OR_CLOSE = 1;
    private static final int NAME = 2;
    private static final int NAME_OR_CLOSE = 3;
    private static final int COLON = 4;
    private static final int COMMA_OR_CLOSE = 5;

    /** Null while only reading past values. */
    private final PlanBaseUrls urls;
    private final byte[] planBase;
    private final int planBaseChars;
    private final Part part = new Part();
    private final Names names = new Names();
    /** Whether the string {@link #stringEnd} last ended holds an escape. */
    private boolean escaped;
    /** A token the buffer ended in, gathered whole. */
    private byte[] spill = new byte[256];
    private int spilled;

    // One value's pass: the parser, its buffer and where things are in it, what is open, what is noted.
    private PassingParser in;
    private JsonGenerator out;
    private HeldEntry held;
    private int maxHeldChars;
    private byte[] b;
    private int end;
    /** The first byte of the buffer not written yet. */
    private int run;
    /** The first byte of the buffer not counted against the held entry yet. */
    private int charged;
    private boolean[] objects = new boolean[16];
    private int depth;
    private int outerDepth;
    private NotedValues noted;
    private byte[] notedName;
    private int ownDepth;
    /** Whether the name just read is the noted field's, at the depth noted. */
    private boolean notedNext;
    private int maxDepth;
    private int maxString;
    private int maxName;
    private int maxNumber;

    /** @param urls the plan's and the proxy's bases; null for an instance that only reads past values */
    RawValues(PlanBaseUrls urls) {
        this.urls = urls;
        this.planBase = urls == null ? null : urls.planBase().getBytes(StandardCharsets.UTF_8);
        this.planBaseChars = urls == null ? 0 : urls.planBase().length();
    }

    /**
     * Reads the object or array the parser's current token opened through its closing bracket, and writes it to
     * {@code target}, which knows the value is being written raw; plan URLs moved. While {@code heldEntry} holds its
     * entry, the bytes read count against its bound. The parser's current token is then the closing bracket.
     *
     * @param notedValues where the strings of its field name the value holds itself go; null for none
     */
    void pass(PassingParser parser, JsonGenerator target, NotedValues notedValues, HeldEntry heldEntry,
              int maxHeld) throws IOException {
        boolean object = parser.currentToken() == JsonToken.START_OBJECT;
        out = target;
        held = heldEntry;
        maxHeldChars = maxHeld;
        noted = notedValues;
        notedName = notedValues == null ? null : notedValues.fieldBytes();
        ownDepth = object ? 1 : 2;
        if (out != null) {
            out.writeRawValue(""); // the separator before the value; the generator now knows one was written
            write(object ? OPEN_OBJECT : OPEN_ARRAY, 0, 1);
        }
        read(parser, object);
    }

    /** Reads past the object or array the parser's current token opened, checked as {@link #pass} checks it. */
    void skip(PassingParser parser) throws IOException {
        out = null;
        held = null;
        noted = null;
        read(parser, parser.currentToken() == JsonToken.START_OBJECT);
    }

    private void read(PassingParser parser, boolean object) throws IOException {
        in = parser;
        StreamReadConstraints bounds = parser.streamReadConstraints();
        maxDepth = bounds.getMaxNestingDepth();
        maxString = bounds.getMaxStringLength();
        maxName = bounds.getMaxNameLength();
        maxNumber = bounds.getMaxNumberLength();
        outerDepth = parser.depth() - 1;
        b = parser.buffer();
        end = parser.limit();
        int i = parser.position();
        run = i;
        charged = i - 1; // the opening bracket, which the parser read
        depth = 0;
        notedNext = false;
        open(object);
        int expect = object ? NAME_OR_CLOSE : VALUE_OR_CLOSE;
        try {
            while (true) {
                if (i == end) {
                    flush(end);
                    i = readMore();
                    continue;
                }
                byte c = b[i];
                switch (c) {
                    case ' ', '\t', '\r', '\n' -> {
                        flush(i);
                        i = skipSpace(i);
                        run = i;
                    }
                    case '"' -> {
                        if (expect == NAME || expect == NAME_OR_CLOSE) {
                            i = name(i);
                            expect = COLON;
                        } else {
                            expectValue(expect, i);
                            i = stringValue(i);
                            expect = COMMA_OR_CLOSE;
                        }
                    }
                    case '{', '[' -> {
                        expectValue(expect, i);
                        open(c == '{');
                        expect = c == '{' ? NAME_OR_CLOSE : VALUE_OR_CLOSE;
                        i++;
                    }
                    case '}', ']' -> {
                        boolean closesObject = c == '}';
                        if (objects[depth - 1] != closesObject || expect != COMMA_OR_CLOSE
                            && expect != (closesObject ? NAME_OR_CLOSE : VALUE_OR_CLOSE)) {
                            throw invalid(i);
                        }
                        names.close(depth);
                        depth--;
                        i++;
                        if (depth == 0) {
                            flush(i);
                            charge(i);
                            parser.valueEnded(i, object);
                            return;
                        }
                        expect = COMMA_OR_CLOSE;
                    }
                    case ',' -> {
                        if (expect != COMMA_OR_CLOSE) {
                            throw invalid(i);
                        }
                        expect = objects[depth - 1] ? NAME : VALUE;
                        i++;
                    }
                    case ':' -> {
                        if (expect != COLON) {
                            throw invalid(i);
                        }
                        expect = VALUE;
                        i++;
                    }
                    case 't', 'f', 'n' -> {
                        expectValue(expect, i);
                        i = literal(i);
                        expect = COMMA_OR_CLOSE;
                    }
                    case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> {
                        expectValue(expect, i);
                        i = number(i);
                        expect = COMMA_OR_CLOSE;
                    }
                    default -> throw invalid(i);
                }
            }
        } finally {
            in = null;
            out = null;
            held = null;
            noted = null;
            b = null;
        }
    }

    private void expectValue(int expect, int i) throws MalformedAnswerException {
        if (expect != VALUE && expect != VALUE_OR_CLOSE) {
            throw invalid(i);
        }
    }

    private void open(boolean object) throws MalformedAnswerException {
        if (outerDepth + depth + 1 > maxDepth) {
            throw new MalformedAnswerException("it exceeds the JSON parser's limits");
        }
        if (depth == objects.length) {
            objects = Arrays.copyOf(objects, depth * 2);
        }
        objects[depth++] = object;
        names.open(depth);
    }

    private int skipSpace(int i) {
        while (i < end) {
            byte c = b[i];
            if (c == '\n') {
                in.lineEnds(i);
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return i;
            }
            i++;
        }
        return i;
    }

    /** The next bytes of the answer, from index 0 of the buffer; all before them has been written. */
    private int readMore() throws IOException {
        charge(end);
        if (!in.readMore()) {
            throw new MalformedAnswerException("it ends before the resource is complete");
        }
        b = in.buffer();
        end = in.limit();
        run = 0;
        charged = 0;
        return 0;
    }

    private void charge(int upTo) throws MalformedAnswerException {
        if (held != null && held.isHeld()) {
            held.charge(upTo - charged, maxHeldChars);
        }
        charged = upTo;
    }

    private int name(int quote) throws IOException {
        int close = stringEnd(b, quote + 1, end);
        if (close >= 0) {
            named(b, quote, close);
            return close + 1;
        }
        int next = spillString(quote, maxName);
        named(spill, 0, spilled - 1);
        write(spill, 0, spilled);
        return next;
    }

    /** A name of the object open at {@link #depth}: bounded, never given twice, noted when it is the noted one. */
    private void named(byte[] a, int quote, int close) throws IOException {
        int length = close - quote - 1;
        if (length > maxName) {
            throw new MalformedAnswerException("it exceeds the JSON parser's limits");
        }
        byte[] name = a;
        int from = quote + 1;
        if (escaped) {
            name = decoded(a, quote + 1, close).getBytes(StandardCharsets.UTF_8); // its key as Jackson reads it
            from = 0;
            length = name.length;
        }
        if (!names.add(depth, name, from, length)) {
            throw new MalformedAnswerException("an object in it names the same key twice");
        }
        notedNext = noted != null && depth == ownDepth
            && Arrays.equals(name, from, from + length, notedName, 0, notedName.length);
    }

    private int stringValue(int quote) throws IOException {
        int close = stringEnd(b, quote + 1, end);
        if (close >= 0) {
            String moved = value(b, quote, close);
            if (moved != null) {
                flush(quote);
                writeString(moved);
                run = close + 1;
            }
            return close + 1;
        }
        int next = spillString(quote, maxString);
        String moved = value(spill, 0, spilled - 1);
        if (moved != null) {
            writeString(moved);
        } else {
            write(spill, 0, spilled);
        }
        return next;
    }

    /** A string value, bounded and noted; the URL it is moved to when it is a plan URL, else null. */
    private String value(byte[] a, int quote, int close) throws IOException {
        if (close - quote - 1 > maxString) {
            throw new MalformedAnswerException("one of its strings is longer than the proxy passes on ("
                + maxString + " bytes)");
        }
        boolean hasEscape = escaped;
        String value = null;
        if (notedNext && depth == ownDepth && objects[depth - 1]) {
            value = text(a, quote + 1, close, hasEscape);
            noted.add(value);
        }
        if (urls == null || !mayBePlanUrl(a, quote + 1, close, hasEscape)) {
            return null;
        }
        if (value == null) {
            // An escaped string is decoded whole only when its head (the base and one more character) is the base.
            if (hasEscape && !urls.isPlanUrl(decoded(a, quote + 1, close, planBaseChars + 1))) {
                return null;
            }
            value = text(a, quote + 1, close, hasEscape);
        }
        return urls.isPlanUrl(value) ? urls.moved(value) : null;
    }

    private static String text(byte[] a, int start, int close, boolean hasEscape) throws MalformedAnswerException {
        return hasEscape ? decoded(a, start, close) : new String(a, start, close - start, StandardCharsets.UTF_8);
    }

    /**
     * Gathers the string whose opening quote is at {@code quote} and which the buffer ends in, reading on until its
     * closing quote (at most {@code bound} bytes): afterwards it is {@code spill[0, spilled)}, quotes included,
     * checked. What came before it has
     * been written; the index after it in the buffer is returned.
     */
    private int spillString(int quote, int bound) throws IOException {
        flush(quote);
        spilled = 0;
        boolean escape = false;
        for (int k = quote + 1; k < end; k++) {
            escape = !escape && b[k] == '\\';
        }
        append(b, quote, end);
        while (true) {
            int i = readMore();
            for (; i < end; i++) {
                if (escape) {
                    escape = false;
                } else if (b[i] == '\\') {
                    escape = true;
                } else if (b[i] == '"') {
                    append(b, 0, i + 1);
                    if (stringEnd(spill, 1, spilled) != spilled - 1) {
                        throw invalid(i);
                    }
                    run = i + 1;
                    return i + 1;
                }
            }
            append(b, 0, end);
            if (spilled > bound + 2) {
                throw new MalformedAnswerException("one of its strings is longer than the proxy passes on ("
                    + bound + " bytes)");
            }
        }
    }

    private int number(int start) throws IOException {
        int stop = numberEnd(b, start, end, false);
        if (stop >= 0) {
            checkNumberLength(b, start, stop);
            return stop;
        }
        flush(start);
        spilled = 0;
        append(b, start, end);
        while (true) {
            int i = readMore();
            while (i < end && isNumberByte(b[i])) {
                i++;
            }
            append(b, 0, i);
            if (spilled > maxNumber + 2) {
                throw new MalformedAnswerException("it exceeds the JSON parser's limits");
            }
            if (i < end) {
                if (numberEnd(spill, 0, spilled, true) != spilled) {
                    throw invalid(i);
                }
                checkNumberLength(spill, 0, spilled);
                write(spill, 0, spilled);
                run = i;
                return i;
            }
        }
    }

    /**
     * The index after the number at {@code start}, which must be JSON's ({@code -?(0|[1-9][0-9]*)(.[0-9]+)?
     * ([eE][+-]?[0-9]+)?}); -1 when it reaches {@code end} and more of it may follow ({@code complete} false).
     */
    private int numberEnd(byte[] a, int start, int end, boolean complete) throws MalformedAnswerException {
        int i = start;
        if (a[i] == '-') {
            i++;
        }
        if (i < end && a[i] == '0') {
            i++;
            if (i < end && isDigit(a[i])) {
                throw invalid(i); // a leading zero
            }
        } else {
            i = digits(a, i, end, complete);
        }
        if (i < end && a[i] == '.') {
            i = digits(a, i + 1, end, complete);
        }
        if (i < end && (a[i] == 'e' || a[i] == 'E')) {
            i++;
            if (i < end && (a[i] == '+' || a[i] == '-')) {
                i++;
            }
            i = digits(a, i, end, complete);
        }
        return i == end && !complete ? -1 : i;
    }

    /**
     * One digit or more from {@code i}: the index after the last. When {@code end} comes first, more may follow
     * unless the number is {@code complete}.
     */
    private int digits(byte[] a, int i, int end, boolean complete) throws MalformedAnswerException {
        if (i == end) {
            if (complete) {
                throw invalid(i);
            }
            return i;
        }
        if (!isDigit(a[i])) {
            throw invalid(i);
        }
        while (i < end && isDigit(a[i])) {
            i++;
        }
        return i;
    }

    private void checkNumberLength(byte[] a, int start, int stop) throws MalformedAnswerException {
        if (stop - start - (a[start] == '-' ? 1 : 0) > maxNumber) {
            throw new MalformedAnswerException("it exceeds the JSON parser's limits");
        }
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNumberByte(byte c) {
        return isDigit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    }

    private int literal(int start) throws IOException {
        byte[] word = b[start] == 't' ? TRUE : b[start] == 'f' ? FALSE : NULL;
        int length = word.length;
        if (start + length <= end) {
            if (!Arrays.equals(b, start, start + length, word, 0, length)) {
                throw invalid(start);
            }
            return start + length;
        }
        flush(start);
        spilled = 0;
        append(b, start, end);
        while (true) {
            readMore();
            int taken = Math.min(length - spilled, end);
            append(b, 0, taken);
            if (spilled == length) {
                if (!Arrays.equals(spill, 0, length, word, 0, length)) {
                    throw invalid(taken);
                }
                write(spill, 0, spilled);
                run = taken;
                return taken;
            }
        }
    }

    private void append(byte[] a, int from, int to) {
        int n = to - from;
        if (spilled + n > spill.length) {
            spill = Arrays.copyOf(spill, Math.max(spilled + n, spill.length * 2));
        }
        System.arraycopy(a, from, spill, spilled, n);
        spilled += n;
    }

    private MalformedAnswerException invalid(int i) {
        return new MalformedAnswerException("it is not valid JSON" + in.where(i));
    }

    /**
     * The index of the quote that ends the string starting at {@code start}, or -1 when {@code end} comes first; its
     * content checked on the way (escapes, UTF-8, no control character), and {@link #escaped} set when it holds an
     * escape.
     */
    private int stringEnd(byte[] a, int start, int end) throws MalformedAnswerException {
        escaped = false;
        int i = start;
        while (i < end) {
            if (i + 8 <= end) {
                long special = special(a, i);
                if (special == 0) {
                    i += 8;
                    continue;
                }
                i += Long.numberOfTrailingZeros(special) >>> 3; // the first byte that is not plain
            }
            byte kind = KIND[a[i] & 0xff];
            if (kind == PLAIN) {
                i++;
            } else if (kind == QUOTE_BYTE) {
                return i;
            } else if (kind == ESCAPE) {
                escaped = true;
                int length = escapeLength(a, i, end);
                if (length < 0) {
                    return -1;
                }
                i += length;
            } else if (kind == CONTROL) {
                throw new MalformedAnswerException("one of its strings holds a control character");
            } else {
                int length = utf8Sequence(a, i, end);
                if (length < 0) {
                    return -1;
                }
                i += length;
            }
        }
        return -1;
    }

    /**
     * The high bit of each of the eight bytes from {@code i} that is not plain ASCII within a string (a quote, a
     * backslash, a control character or a byte of a multi-byte character), in one look at all eight. A marked
     * byte may be followed by falsely marked ones; the lowest marked byte is always one.
     */
    private static long special(byte[] a, int i) {
        long x = (long) EIGHT_BYTES.get(a, i);
        long quotes = x ^ 0x2222222222222222L;
        long backslashes = x ^ 0x5C5C5C5C5C5C5C5CL;
        return ((quotes - ONES) & ~quotes | (backslashes - ONES) & ~backslashes | (x - 0x2020202020202020L) & ~x | x)
            & HIGH_BITS;
    }

    /**
     * The length of the escape at {@code i}: a backslash and a letter, or a backslash, u and four hex digits; -1 when
     * {@code end} comes first.
     */
    private static int escapeLength(byte[] a, int i, int end) throws MalformedAnswerException {
        if (i + 1 >= end) {
            return -1;
        }
        switch (a[i + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return 2;
            }
            case 'u' -> {
                if (i + 6 > end) {
                    return -1;
                }
                for (int k = i + 2; k < i + 6; k++) {
                    if (Character.digit(a[k], 16) < 0) {
                        throw new MalformedAnswerException("one of its strings has a broken escape");
                    }
                }
                return 6;
            }
            default -> throw new MalformedAnswerException("one of its strings has a broken escape");
        }
    }

    /** The length of the well-formed UTF-8 sequence at {@code i}; -1 when {@code end} comes first. */
    private static int utf8Sequence(byte[] a, int i, int end) throws MalformedAnswerException {
        int lead = a[i] & 0xff;
        int length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
            : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
        if (length == 0) {
            throw new MalformedAnswerException("one of its strings is not UTF-8");
        }
        if (i + length > end) {
            return -1;
        }
        for (int k = 1; k < length; k++) {
            if ((a[i + k] & 0xC0) != 0x80) {
                throw new MalformedAnswerException("one of its strings is not UTF-8");
            }
        }
        int second = a[i + 1] & 0xff;
        if (lead == 0xE0 && second < 0xA0 || lead == 0xED && second > 0x9F || lead == 0xF0 && second < 0x90
            || lead == 0xF4 && second > 0x8F) {
            throw new MalformedAnswerException("one of its strings is not UTF-8"); // overlong, surrogate, too high
        }
        return length;
    }

    /**
     * A quick look at the bytes: the plan's base and then the end, a path or a query; a string with an escape goes to
     * the full look, as an escaped character could spell the base.
     */
    private boolean mayBePlanUrl(byte[] a, int start, int close, boolean hasEscape) {
        if (hasEscape) {
            return true;
        }
        int n = planBase.length;
        if (close - start < n || a[start] != planBase[0]
            || close - start > n && a[start + n] != '/' && a[start + n] != '?') {
            return false;
        }
        return Arrays.equals(a, start, start + n, planBase, 0, n);
    }

    /** The string's value, escapes resolved (only for strings that may be plan URLs, and noted ones). */
    private static String decoded(byte[] b, int start, int close) throws MalformedAnswerException {
        return decoded(b, start, close, Integer.MAX_VALUE);
    }

    /** The first {@code limit} characters of the string's value, escapes resolved; only those are decoded. */
    private static String decoded(byte[] b, int start, int close, int limit) throws MalformedAnswerException {
        StringBuilder value = new StringBuilder((int) Math.min(close - start, limit + 1L));
        int i = start;
        while (i < close && value.length() < limit) {
            int run = i;
            while (i < close && b[i] != '\\') {
                i++;
            }
            // No character takes more than four bytes: these hold every character still wanted.
            int bytes = (int) Math.min(i - run, 4L * (limit - value.length()));
            value.append(StandardCharsets.UTF_8.decode(ByteBuffer.wrap(b, run, bytes)));
            if (bytes < i - run) {
                break;
            }
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
        if (value.length() > limit) {
            value.setLength(limit);
        }
        return value.toString();
    }

    /** Writes what of the buffer is not written yet, up to {@code to}. */
    private void flush(int to) throws IOException {
        if (to > run) {
            write(b, run, to);
        }
        run = to;
    }

    private void writeString(String value) throws IOException {
        byte[] quoted;
        try {
            quoted = JsonStringEncoder.getInstance().quoteAsUTF8(value);
        } catch (IllegalArgumentException loneSurrogate) {
            quoted = quotedWithEscapedSurrogates(value);
        }
        write(QUOTE, 0, 1);
        write(quoted, 0, quoted.length);
        write(QUOTE, 0, 1);
    }

    /**
     * A moved URL whose escapes spelled half a surrogate pair (no UTF-8 can hold it): written with that half escaped
     * again (a backslash, {@code u} and four hex digits), as Jackson's generator writes it on the token path.
     */
    private static byte[] quotedWithEscapedSurrogates(String value) {
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        ByteArrayOutputStream quoted = new ByteArrayOutputStream(value.length() + 16);
        int from = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1));
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c)) {
                quoted.writeBytes(encoder.quoteAsUTF8(value.substring(from, i)));
                quoted.writeBytes(String.format("\\u%04x", (int) c).getBytes(StandardCharsets.US_ASCII));
                from = i + 1;
            }
        }
        quoted.writeBytes(encoder.quoteAsUTF8(value.substring(from)));
        return quoted.toByteArray();
    }

    /**
     * A short run goes into the generator's buffer; a long one straight to its stream, after what the generator
     * holds (it never flushes the app's stream itself, see {@link RelayedAnswer}). Nothing while only reading.
     */
    private void write(byte[] a, int from, int to) throws IOException {
        if (out == null) {
            return;
        }
        if (to - from >= WRITE_BYTES) {
            out.flush();
            ((OutputStream) out.getOutputTarget()).write(a, from, to - from);
        } else if (to > from) {
            out.writeRaw(part.of(a, from, to - from));
        }
    }

    /**
     * The names each open object of the value gave so far, as their unescaped UTF-8, kept in arrays reused for the
     * whole answer; an object with more than {@link #LISTED} names has the rest in a set.
     */
    private static final class Names {
        private byte[] bytes = new byte[1024];
        private int length;
        private int[] hashes = new int[64];
        private int[] starts = new int[64];
        private int[] lengths = new int[64];
        private int count;
        /** Per depth: where its object's names start, and the set of its names past the first few. */
        private int[] firstName = new int[16];
        private int[] firstByte = new int[16];
        private Set<String>[] many = newSets(16);

        @SuppressWarnings("unchecked")
        private static Set<String>[] newSets(int n) {
            return (Set<String>[]) new Set<?>[n];
        }

        void open(int depth) {
            if (depth >= firstName.length) {
                firstName = Arrays.copyOf(firstName, depth * 2);
                firstByte = Arrays.copyOf(firstByte, depth * 2);
                many = Arrays.copyOf(many, depth * 2);
            }
            firstName[depth] = count;
            firstByte[depth] = length;
            many[depth] = null;
        }

        void close(int depth) {
            count = firstName[depth];
            length = firstByte[depth];
            many[depth] = null;
        }

        /** False when the object open at {@code depth} gave this name already. */
        boolean add(int depth, byte[] a, int from, int n) {
            if (many[depth] != null) {
                return many[depth].add(new String(a, from, n, StandardCharsets.UTF_8));
            }
            int first = firstName[depth];
            int hash = 1;
            for (int i = from; i < from + n; i++) {
                hash = 31 * hash + a[i];
            }
            for (int k = first; k < count; k++) {
                if (hashes[k] == hash && lengths[k] == n && Arrays.equals(bytes, starts[k], starts[k] + n, a, from,
                    from + n)) {
                    return false;
                }
            }
            if (count - first == LISTED) {
                Set<String> set = new HashSet<>();
                for (int k = first; k < count; k++) {
                    set.add(new String(bytes, starts[k], lengths[k], StandardCharsets.UTF_8));
                }
                many[depth] = set;
                return set.add(new String(a, from, n, StandardCharsets.UTF_8));
            }
            if (count == hashes.length) {
                hashes = Arrays.copyOf(hashes, count * 2);
                starts = Arrays.copyOf(starts, count * 2);
                lengths = Arrays.copyOf(lengths, count * 2);
            }
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + n, bytes.length * 2));
            }
            System.arraycopy(a, from, bytes, length, n);
            hashes[count] = hash;
            starts[count] = length;
            lengths[count] = n;
            length += n;
            count++;
            return true;
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
