package dev.payeraccess.proxy.answer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Set;

/**
 * The codes one top-level element of a resource holds, as an {@code AnswerFilter} matches them: the value of a
 * {@code code} element ({@code "use":"claim"}), and {@code system|code} of each Coding of a Coding or CodeableConcept
 * element or a list of them. Only Codings the element holds itself count (its {@code coding} list): a code in one
 * of its extensions says nothing about the resource.
 */
final class CodedValues {

    private CodedValues() {
    }

    /** Notes the codes of the value under the parser's current token into {@code codes}; the parser ends on its end. */
    static void note(JsonParser in, Set<String> codes) throws IOException {
        JsonToken token = in.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            codes.add(in.getText());
        } else if (token == JsonToken.START_ARRAY) {
            while (in.nextToken() != JsonToken.END_ARRAY) {
                if (in.currentToken() == JsonToken.START_OBJECT) {
                    concept(in, codes);
                } else {
                    in.skipChildren();
                }
            }
        } else if (token == JsonToken.START_OBJECT) {
            concept(in, codes);
        } else {
            in.skipChildren();
        }
    }

    /** A CodeableConcept (its {@code coding}) or a Coding (its own {@code system} and {@code code}). */
    private static void concept(JsonParser in, Set<String> codes) throws IOException {
        String system = "";
        String code = null;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            JsonToken value = in.nextToken();
            if ("coding".equals(field) && value == JsonToken.START_ARRAY) {
                while (in.nextToken() != JsonToken.END_ARRAY) {
                    if (in.currentToken() == JsonToken.START_OBJECT) {
                        concept(in, codes);
                    } else {
                        in.skipChildren();
                    }
                }
            } else if ("system".equals(field) && value == JsonToken.VALUE_STRING) {
                system = in.getText();
            } else if ("code".equals(field) && value == JsonToken.VALUE_STRING) {
                code = in.getText();
            } else {
                in.skipChildren();
            }
        }
        if (code != null) {
            codes.add(system + "|" + code);
        }
    }
}
