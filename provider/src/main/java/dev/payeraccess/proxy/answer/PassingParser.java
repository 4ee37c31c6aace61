package dev.payeraccess.proxy.answer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/**
 * Jackson's parser of UTF-8 JSON, which can also hand an object or array it has just opened to {@link RawValues}:
 * that reads the value's bytes straight from the parser's buffer, checks them as the parser would and passes them
 * on, and the parser then goes on after the value's closing bracket as if it had read it token by token. So a value
 * that needs no change is read once, byte by byte, instead of becoming tokens and strings.
 *
 * <p>It relies on the protected state of Jackson's parser (the buffer, its position and end, the parsing context,
 * {@code _loadMore}, and {@code _updateToken}, which Jackson has had since 2.18). Keycloak 26.4 and 26.5 ship Jackson
 * 2.19, 26.7 ships 2.21; the suite runs the rewriter on all three.
 */
final class PassingParser extends UTF8StreamJsonParser {

    private PassingParser(IOContext context, int features, InputStream in, ObjectCodec codec,
                          ByteQuadsCanonicalizer names, byte[] buffer, int end) {
        super(context, features, in, codec, names, buffer, 0, end, 0, true);
    }

    /** The bytes read so far, from {@link #position()} (the next unread one) to {@link #limit()}. */
    byte[] buffer() {
        return _inputBuffer;
    }

    int position() {
        return _inputPtr;
    }

    int limit() {
        return _inputEnd;
    }

    /** Reads on: the buffer then holds the next bytes from index 0. False at the end of the answer. */
    boolean readMore() throws IOException {
        return _loadMore();
    }

    /** A line of the answer ends at index {@code i} of the buffer (for the line numbers of later errors). */
    void lineEnds(int i) {
        _currInputRow++;
        _currInputRowStart = i + 1;
    }

    /** Where index {@code i} of the buffer is in the answer, as an error names it. */
    String where(int i) {
        return " (line " + (_currInputRow + 1) + ", column " + (i - _currInputRowStart + 1) + ")";
    }

    /** How deeply the object or array the current token opened is nested; the outermost is 1. */
    int depth() {
        return _parsingContext.getNestingDepth();
    }

    /**
     * The object or array the current token opened was read through its closing bracket, at {@code next - 1}: the
     * parser goes on from {@code next}, its current token that bracket.
     */
    void valueEnded(int next, boolean object) throws IOException {
        _inputPtr = next;
        _tokenInputTotal = _currInputProcessed + next - 1;
        _tokenInputRow = _currInputRow;
        _tokenInputCol = next - 1 - _currInputRowStart;
        _parsingContext = _parsingContext.clearAndGetParent();
        _updateToken(object ? JsonToken.END_OBJECT : JsonToken.END_ARRAY);
    }

    /**
     * Makes a {@link PassingParser} of every answer in UTF-8 (what FHIR servers send), and Jackson's own parser of
     * any other; built as Jackson's factory is, with the same bounds.
     */
    static final class Factory extends JsonFactory {

        private static final long serialVersionUID = 1L;

        Factory(JsonFactoryBuilder settings) {
            super(settings);
        }

        @Override
        protected JsonParser _createParser(InputStream in, IOContext context) throws IOException {
            byte[] buffer = context.allocReadIOBuffer();
            int end = 0;
            while (end < 4) {
                int n = in.read(buffer, end, buffer.length - end);
                if (n < 0) {
                    break;
                }
                end += n;
            }
            if (isUtf8WithoutMark(buffer, end) && isEnabled(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)) {
                context.setEncoding(JsonEncoding.UTF8);
                return new PassingParser(context, _parserFeatures, in, _objectCodec,
                    _byteSymbolCanonicalizer.makeChild(_factoryFeatures), buffer, end);
            }
            // Rare: empty, a byte order mark, UTF-16 or UTF-32. Jackson detects which from the bytes read so far.
            byte[] head = Arrays.copyOf(buffer, end);
            context.releaseReadIOBuffer(buffer);
            return super._createParser(new SequenceInputStream(new ByteArrayInputStream(head), in), context);
        }

        /** UTF-16 and UTF-32 have a zero byte next to the first ASCII character; a mark starts with EF, FE or FF. */
        private static boolean isUtf8WithoutMark(byte[] head, int length) {
            if (length < 2) {
                return false;
            }
            for (int i = 0; i < length && i < 4; i++) {
                if (head[i] == 0) {
                    return false;
                }
            }
            int first = head[0] & 0xff;
            return first != 0xEF && first != 0xFE && first != 0xFF;
        }
    }
}
