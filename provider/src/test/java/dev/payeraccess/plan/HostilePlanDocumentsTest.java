package dev.payeraccess.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The small documents a plan sends (SMART discovery, token answers, a page of a search) are read whole, within
 * {@link PlanJson}'s bounds: whatever the plan sends, the answer is a bounded value or a refusal, never more work or
 * memory than the document's size allows. The documents are generated from fixed seeds.
 */
class HostilePlanDocumentsTest {

    private static final String DISCOVERY = "{\"authorization_endpoint\":\"https://auth.plan.example/authorize\","
        + "\"token_endpoint\":\"https://auth.plan.example/token\"";

    @Test
    void treesPastTheBoundsAreRefused() {
        List<String> refused = List.of(HostileJson.nested(PlanJson.MAX_DEPTH + 1, false),
            HostileJson.nested(50_000, true),
            "{\"a\":\"" + "x".repeat(PlanJson.MAX_STRING_CHARS * 2) + "\"}",
            "{\"a\":1,\"a\":2}",
            "{\"" + "k".repeat(PlanJson.MAX_NAME_CHARS + 1) + "\":1}",
            "{\"n\":" + "9".repeat(PlanJson.MAX_NUMBER_CHARS + 1) + "}",
            HostileJson.repeated("[", "0", "]", (int) PlanJson.MAX_TREE_BYTES + 16_384),
            HostileJson.repeated("[", "[]", "]", 600_000));

        for (String document : refused) {
            assertThrows(IOException.class, () -> PlanJson.tree(document),
                document.substring(0, Math.min(60, document.length())));
        }
    }

    @Test
    void aDiscoveryDocumentKeepsBoundedListsAndRefusesEndpointsNoServerTakes() throws Exception {
        String flooded = DISCOVERY + ",\"scopes_supported\":[" + HostileJson.repeated("", "\"patient/*.read\"", "",
            200_000) + "],\"capabilities\":[1,{},\"" + "c".repeat(5_000) + "\",\"launch-standalone\"]}";

        SmartConfiguration smart = SmartConfiguration.parse(PlanJson.tree(flooded));

        assertEquals(SmartConfiguration.MAX_LIST_ENTRIES, smart.scopesSupported().size());
        assertEquals(List.of("launch-standalone"), smart.capabilities(), "other types and long values are left out");
        assertThrows(IllegalArgumentException.class, () -> SmartConfiguration.parse(PlanJson.tree(
            "{\"authorization_endpoint\":\"https://a/" + "x".repeat(SmartConfiguration.MAX_URL_CHARS) + "\","
                + "\"token_endpoint\":\"https://a/t\"}")));
        assertThrows(IllegalArgumentException.class, () -> SmartConfiguration.parse(PlanJson.tree(
            "{\"authorization_endpoint\":[\"https://a\"],\"token_endpoint\":{}}")));
    }

    @Test
    void aTokenAnswerWithValuesLongerThanATokenIsRefusedWithoutQuotingThem() {
        String longToken = "t".repeat(PlanTokenResponse.MAX_TOKEN_CHARS + 1);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> PlanTokenResponse.parse("{\"access_token\":\"" + longToken + "\"}"));

        assertTrue(refused.getMessage().contains("access_token"), refused.getMessage());
        assertTrue(!refused.getMessage().contains("ttt"), "never quotes the plan");
        assertThrows(IllegalArgumentException.class, () -> PlanTokenResponse.parse("{\"access_token\":\"a\","
            + "\"scope\":\"" + "s".repeat(PlanTokenResponse.MAX_SCOPE_CHARS + 1) + "\"}"));
        assertThrows(IllegalArgumentException.class, () -> PlanTokenResponse.parse("{\"access_token\":\"a\","
            + "\"access_token\":\"b\"}"));
        assertThrows(IllegalArgumentException.class, () -> PlanTokenResponse.parse(HostileJson.nested(1_000,
            false)));
        assertEquals(Optional.empty(), PlanTokenResponse.parse("{\"access_token\":\"a\",\"patient\":7,"
            + "\"expires_in\":\"soon\",\"refresh_token\":[]}").patient());
    }

    @Test
    void aPageOfTinyEntriesIsCountedAndAnOverlongNextLinkIsNoLink() throws Exception {
        String page = HostileJson.repeated("{\"resourceType\":\"Bundle\",\"link\":[{\"relation\":\"next\",\"url\":\""
            + "https://plan.example/r4/" + "p".repeat(SearchsetPage.MAX_LINK_CHARS) + "\"}],\"entry\":[", "{}", "]}",
            300_000);

        SearchsetPage read = SearchsetPage.parse(PlanJson.tree(page));

        assertTrue(read.entries() > 90_000, "entries " + read.entries());
        assertEquals(Optional.empty(), read.next());
    }

    @Test
    void randomDocumentsAreReadOrRefusedNeverMore() {
        for (long seed = 0; seed < 2_000; seed++) {
            String document = new HostileJson(seed).document(6);
            JsonNode tree;
            try {
                tree = PlanJson.tree(document);
            } catch (IOException refused) {
                continue;
            }
            readOrRefuse(() -> SmartConfiguration.parse(tree));
            readOrRefuse(() -> SearchsetPage.parse(tree));
            readOrRefuse(() -> PlanTokenResponse.parse(document).statedPatientId());
        }
    }

    private static void readOrRefuse(Runnable read) {
        try {
            read.run();
        } catch (IllegalArgumentException refused) {
            // a refusal is a fine answer to garbage
        }
    }
}
