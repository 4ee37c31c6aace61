package dev.payeraccess.proxy.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A Bundle's links lead back through the proxy, or are left out. */
class BundleLinksTest extends RewrittenAnswers {

    @Test
    void pagingLinksOfASearchsetLeadBackThroughTheProxy() throws IOException {
        String answer = """
                {"resourceType":"Bundle","type":"searchset","link":[
                  {"relation":"self","url":"{plan}/ExplanationOfBenefit?patient=p1"},
                  {"relation":"next","url":"{plan}?_getpages=abc&_getpagesoffset=20"},
                  {"relation":"previous","url":"{plan}?_getpages=abc&_getpagesoffset=0"}]}""";

        JsonNode links = tree(copied(answer)).get("link");

        assertEquals(PROXY + "/ExplanationOfBenefit?patient=p1", links.get(0).get("url").asText());
        assertEquals(PROXY + "?_getpages=abc&_getpagesoffset=20", links.get(1).get("url").asText());
        assertEquals(PROXY + "?_getpages=abc&_getpagesoffset=0", links.get(2).get("url").asText());
    }

    @Test
    void bundleLinksWithDotSegmentsAreLeftOutRawOrEncoded() throws IOException {
        String answer = """
                {"resourceType":"Bundle","type":"searchset","link":[
                  {"relation":"self","url":"{plan}/ExplanationOfBenefit?patient=p1"},
                  {"relation":"next","url":"{plan}/../admin?x=1"},
                  {"relation":"previous","url":"{plan}/Coverage/%2e%2E/x"},
                  {"relation":"first","url":"../../realms/master"},
                  {"relation":"last","url":"Coverage/.%2e/y?_getpages=a"},
                  {"relation":"alternate","url":"Coverage?name=..%2F"}]}""";

        JsonNode links = tree(copied(answer)).get("link");

        assertEquals(2, links.size(), links::toString);
        assertEquals(PROXY + "/ExplanationOfBenefit?patient=p1", links.get(0).get("url").asText());
        assertEquals("Coverage?name=..%2F", links.get(1).get("url").asText(), "a query may hold dots");
    }
}
