package dev.payeraccess.proxy.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bundle entries the caller may not read are left out, wherever and however they come. */
class EntryFilterTest extends RewrittenAnswers {

    @Test
    void includedEntriesOfUnreadableTypesAreRemovedAndCounted() throws IOException {
        String answer = bundle(
                entry("ExplanationOfBenefit", "e1"),
                entry("Observation", "o1"),
                entry("Patient", "p1"),
                entry("Observation", "o2"),
                entry("ExplanationOfBenefit", "e2"));

        JsonNode entries = tree(copied(answer)).get("entry");

        assertEquals(List.of("ExplanationOfBenefit/e1", "Patient/p1", "ExplanationOfBenefit/e2"), ids(entries));
        assertEquals(2, rewriter.removedEntries());
    }

    @Test
    void anEntryIsJudgedByItsResourceTypeWhereverItAppears() throws IOException {
        String answer = """
                {"resourceType":"Bundle","type":"searchset","entry":[
                 {"search":{"mode":"include"},"resource":{"id":"o1","valueQuantity":{"value":5.0},
                   "note":[{"text":"late type"}],"resourceType":"Observation"},"fullUrl":"{plan}/Observation/o1"},
                 {"resource":{"id":"e1","total":[{"amount":{"value":0.10}}],"resourceType":"ExplanationOfBenefit"},
                   "fullUrl":"{plan}/ExplanationOfBenefit/e1"}]}""";

        String copied = copied(answer);

        assertEquals(tree("""
                {"resourceType":"Bundle","type":"searchset","entry":[
                 {"resource":{"id":"e1","total":[{"amount":{"value":0.10}}],"resourceType":"ExplanationOfBenefit"},
                   "fullUrl":"{proxy}/ExplanationOfBenefit/e1"}]}"""), tree(copied));
        assertTrue(copied.contains("\"value\":0.10"), copied);
        assertEquals(1, rewriter.removedEntries());
    }

    @Test
    void anEntryWithoutAResourceIsKept() throws IOException {
        String answer = """
                {"resourceType":"Bundle","type":"batch-response","entry":[
                 {"fullUrl":"{plan}/Observation/o1","response":{"status":"404 Not Found"}},
                 {"search":{"mode":"outcome"}}]}""";

        assertEquals(tree(answer.replace("{plan}", "{proxy}")), tree(copied(answer)));
        assertEquals(0, rewriter.removedEntries());
    }

    @Test
    void aResourceWithoutAResourceTypeIsWithheld() throws IOException {
        String answer = """
                {"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"id":"mystery"}}]}""";

        assertEquals(0, tree(copied(answer)).get("entry").size());
        assertEquals(1, rewriter.removedEntries());
    }

    @Test
    void aBundleInsideAnEntryIsRewrittenButNotFiltered() throws IOException {
        String inner = bundle(entry("Observation", "o1"), entry("Patient", "p1"));
        String answer = """
                {"resourceType":"Bundle","type":"collection","entry":[{"fullUrl":"{plan}/Bundle/b1","resource":%s}]}"""
                .formatted(inner.replace("\"type\":\"searchset\"", "\"id\":\"b1\",\"type\":\"document\""));

        JsonNode nested = tree(copied(answer)).get("entry").get(0).get("resource");

        assertEquals(List.of("Observation/o1", "Patient/p1"), ids(nested.get("entry")));
        assertEquals(PROXY + "/Observation/o1", nested.get("entry").get(0).get("fullUrl").asText());
        assertEquals(0, rewriter.removedEntries());
    }

    @Test
    void entriesBeforeTheTopLevelResourceTypeAreStillFiltered() throws IOException {
        String answer = """
                {"id":"x","link":[{"relation":"self","url":"{plan}/Patient?_id=p1&_revinclude=*"}],
                 "entry":[%s,%s,%s],"type":"searchset","resourceType":"Bundle"}"""
                .formatted(entry("Patient", "p1"), entry("Observation", "o1"), entry("ExplanationOfBenefit", "e1"));

        String copied = copied(answer);
        JsonNode bundle = tree(copied);

        assertEquals("Bundle", bundle.get("resourceType").asText());
        assertEquals(PROXY + "/Patient?_id=p1&_revinclude=*", bundle.get("link").get(0).get("url").asText());
        assertEquals(List.of("Patient/p1", "ExplanationOfBenefit/e1"), ids(bundle.get("entry")));
        assertEquals(PROXY + "/Patient/p1", bundle.get("entry").get(0).get("fullUrl").asText());
        assertTrue(copied.contains("\"valueDecimal\":12.50"), copied);
        assertEquals(1, rewriter.removedEntries());
    }

    @Test
    void anEntryFieldOfANonBundleIsLeftWhole() throws IOException {
        String list = """
                {"entry":[{"item":{"reference":"{plan}/Observation/o1"}}],"resourceType":"List","status":"current"}""";

        assertEquals(tree(list.replace("{plan}", "{proxy}")), tree(copied(list)));
        assertEquals(0, rewriter.removedEntries());
    }

    @Test
    void theParserMayAlreadyStandOnTheFirstToken() throws IOException {
        String answer = bundle(entry("Observation", "o1"), entry("Patient", "p1"));
        JsonParser peeked = JSON.createParser(utf8(answer));
        peeked.nextToken(); // what the proxy does before it commits to a 200

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            rewriter.copy(peeked, generator);
        }

        assertEquals(List.of("Patient/p1"), ids(tree(out.toString(StandardCharsets.UTF_8)).get("entry")));
    }
}
