package dev.payeraccess.proxy.allplans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SortOrderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode entry(String resource) throws Exception {
        return JSON.readTree("{\"resource\":" + resource + "}");
    }

    @Test
    void sortsByOneDateEveryPlanSupportsEitherWay() {
        assertEquals(Optional.of(new SortOrder("created", true)), SortOrder.of(Optional.of("-created")));
        assertEquals(Optional.of(new SortOrder("service-date", false)), SortOrder.of(Optional.of("service-date")));
        assertEquals(Optional.empty(), SortOrder.of(Optional.empty()));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> SortOrder.of(Optional.of("-identifier")));
        assertTrue(refused.getMessage().contains("created, service-date, _lastUpdated"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SortOrder.of(Optional.of("-created,identifier")));
    }

    @Test
    void comparesDatesOfAnyPrecisionByTheirStartAndPutsMissingDatesLast() throws Exception {
        List<JsonNode> entries = new ArrayList<>(List.of(
            entry("{\"created\":\"2024\"}"),
            entry("{\"id\":\"none\"}"),
            entry("{\"created\":\"2024-03-01T23:30:00-05:00\"}"),
            entry("{\"created\":\"2024-03-02\"}"),
            entry("{\"created\":\"2024-02\"}")));
        entries.sort(SortOrder.of(Optional.of("-created")).orElseThrow().entries());
        assertEquals(List.of("2024-03-01T23:30:00-05:00", "2024-03-02", "2024-02", "2024", ""),
            entries.stream().map(e -> e.path("resource").path("created").asText()).toList());
        entries.sort(SortOrder.of(Optional.of("created")).orElseThrow().entries());
        assertEquals("", entries.get(4).path("resource").path("created").asText(), "missing dates last both ways");
    }

    @Test
    void theServiceDateIsTheBillablePeriodOrTheFirstItemsService() throws Exception {
        SortOrder order = SortOrder.of(Optional.of("service-date")).orElseThrow();
        assertEquals(order.key(JSON.readTree("{\"billablePeriod\":{\"start\":\"2023-05-04\"}}")),
            order.key(JSON.readTree("{\"item\":[{\"servicedDate\":\"2023-05-04\"}]}")));
        assertEquals(order.key(JSON.readTree("{\"billablePeriod\":{\"start\":\"2023-05-04\"}}")),
            order.key(JSON.readTree("{\"item\":[{\"servicedPeriod\":{\"start\":\"2023-05-04\"}}]}")));
        assertTrue(order.key(JSON.readTree("{\"created\":\"2023-05-04\"}")).isEmpty());
    }
}
