package dev.payeraccess.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SearchsetPageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsEntriesTotalAndTheNextLink() throws Exception {
        SearchsetPage page = SearchsetPage.parse(JSON.readTree("""
            {"resourceType":"Bundle","type":"searchset","total":12,
             "link":[{"relation":"self","url":"https://api.plan.example/r4/Coverage?_count=1"},
                     {"relation":"next","url":"https://api.plan.example/r4/Coverage?_count=1&_offset=1"}],
             "entry":[{"resource":{"resourceType":"Coverage","id":"c1"}}]}"""));

        assertEquals(new SearchsetPage(1, OptionalInt.of(12),
            Optional.of("https://api.plan.example/r4/Coverage?_count=1&_offset=1")), page);
    }

    @Test
    void aPageWithoutTotalOrNextSaysSo() throws Exception {
        SearchsetPage page = SearchsetPage.parse(JSON.readTree("{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}"));

        assertEquals(new SearchsetPage(0, OptionalInt.empty(), Optional.empty()), page);
    }

    @Test
    void anOperationOutcomeIsNoPage() throws Exception {
        assertThrows(IllegalArgumentException.class,
            () -> SearchsetPage.parse(JSON.readTree("{\"resourceType\":\"OperationOutcome\"}")));
    }
}
