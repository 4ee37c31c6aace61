package dev.payeraccess.proxy.allplans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanBundleReaderTest {

    private static final String BUNDLE = "{\"resourceType\":\"Bundle\",\"meta\":{\"lastUpdated\":\"2024-01-01\"},"
        + "\"type\":\"searchset\",\"total\":2,\"link\":[{\"relation\":\"self\",\"url\":\"https://p/x?_sort=-created\"},"
        + "{\"relation\":\"next\",\"url\":\"https://p?_getpages=1\"}],\"entry\":[{\"fullUrl\":\"https://p/Claim/1\","
        + "\"resource\":{\"resourceType\":\"Claim\",\"id\":\"1\",\"total\":{\"value\":12.50},\"entry\":[1,true,null],"
        + "\"link\":[{\"relation\":\"not-the-bundle's\"}]},\"search\":{\"mode\":\"match\"}},"
        + "{\"resource\":{\"resourceType\":\"Claim\",\"id\":\"2\"}}]}";

    /** Fed a byte at a time and all at once, the reader hands on the same items in the answer's order. */
    @Test
    void handsOnEachEntryTheLinksAndTheTotalAsTheyStream() throws Exception {
        for (int chunk : new int[] {1, 7, BUNDLE.length()}) {
            List<PlanItem> items = read(BUNDLE, chunk);
            assertEquals(4, items.size(), items.toString());
            assertEquals(new PlanItem.Total(2), items.get(0));
            assertEquals(new PlanItem.Links(Map.of("self", "https://p/x?_sort=-created", "next",
                "https://p?_getpages=1")), items.get(1));
            String first = ((PlanItem.Entry) items.get(2)).entry().toString();
            assertEquals("{\"fullUrl\":\"https://p/Claim/1\",\"resource\":{\"resourceType\":\"Claim\",\"id\":\"1\","
                + "\"total\":{\"value\":12.50},\"entry\":[1,true,null],\"link\":[{\"relation\":\"not-the-bundle's\"}]},"
                + "\"search\":{\"mode\":\"match\"}}", first, "every value kept as written, decimals too");
            assertEquals("2", ((PlanItem.Entry) items.get(3)).entry().path("resource").path("id").asText());
        }
    }

    @Test
    void keepsTheIssuesOfAnErrorAnswer() throws Exception {
        List<PlanItem> items = new ArrayList<>();
        PlanBundleReader reader = new PlanBundleReader(items::add, 1000);
        reader.write(("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"invalid\"}"
            + "]}").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), items);
        assertEquals("invalid", reader.issues().orElseThrow().path(0).path("code").asText());
    }

    @Test
    void refusesAnEntryLargerThanItsBound() {
        String big = "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"text\":\"" + "x".repeat(5000)
            + "\"}}]}";
        IOException refused = assertThrows(IOException.class, () -> read(big, 100, 1000));
        assertTrue(refused.getMessage().contains("larger than 1000 bytes"), refused.getMessage());
    }

    private static List<PlanItem> read(String json, int chunk) throws IOException {
        return read(json, chunk, PlanStream.MAX_ENTRY_BYTES);
    }

    private static List<PlanItem> read(String json, int chunk, long maxEntryBytes) throws IOException {
        List<PlanItem> items = new ArrayList<>();
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        try (PlanBundleReader reader = new PlanBundleReader(items::add, maxEntryBytes)) {
            for (int i = 0; i < bytes.length; i += chunk) {
                reader.write(bytes, i, Math.min(chunk, bytes.length - i));
            }
        }
        return items;
    }
}
