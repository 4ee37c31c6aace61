package dev.payeraccess.plan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Walking a plan's document token by token: each field of an object, each element of an array, a value as text.
 * A visitor leaves the parser on the last token of the value it was given ({@link JsonParser#skipChildren()} for one
 * it does not want), so nothing of a document is held that the reader does not keep.
 */
final class JsonWalk {

    interface Field {
        /** Called with the parser on the field's value. */
        void visit(String name) throws IOException;
    }

    interface Element {
        /** Called with the parser on the element. */
        void visit() throws IOException;
    }

    private JsonWalk() {
    }

    /** Each field of the object the parser is on. */
    static void fields(JsonParser json, Field visit) throws IOException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            visit.visit(name);
        }
    }

    /** Each element of the array the parser is on; nothing when it is on another value (which is skipped). */
    static void elements(JsonParser json, Element visit) throws IOException {
        if (json.currentToken() != JsonToken.START_ARRAY) {
            json.skipChildren();
            return;
        }
        for (JsonToken token = json.nextToken(); token != null && token != JsonToken.END_ARRAY;
             token = json.nextToken()) {
            visit.visit();
        }
    }

    /** The string the parser is on when it is at most {@code maxChars} long; else empty (and the value skipped). */
    static String text(JsonParser json, int maxChars) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_STRING && json.getTextLength() <= maxChars) {
            return json.getText();
        }
        json.skipChildren();
        return "";
    }
}
