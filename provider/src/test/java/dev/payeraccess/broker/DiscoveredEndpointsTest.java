package dev.payeraccess.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The record of what SMART discovery filled in, and how a later save tells typed endpoints from unchanged ones. */
class DiscoveredEndpointsTest {

    private static final DiscoveredEndpoints FILLED = new DiscoveredEndpoints(Map.of(
        "authorizationUrl", "https://login.plan.example/authorize", "tokenUrl", "https://login.plan.example/token"));

    @Test
    void storedAsJsonAndReadBackTheSame() {
        assertEquals("{\"authorizationUrl\":\"https://login.plan.example/authorize\","
            + "\"tokenUrl\":\"https://login.plan.example/token\"}", FILLED.toJson());
        assertEquals(FILLED, DiscoveredEndpoints.parse(FILLED.toJson()));
    }

    @Test
    void nothingStoredOrNoRecordAtAllMeansNoneWaits() {
        for (String stored : new String[] {null, "", "  ", "not json", "[1]", "{\"tokenUrl\": 5}"}) {
            assertTrue(DiscoveredEndpoints.parse(stored).isEmpty(), String.valueOf(stored));
        }
    }

    @Test
    void anEndpointTheFormSentBackUnchangedIsStillDiscoverysAndATypedOneIsNot() {
        Map<String, String> config = Map.of("authorizationUrl", " https://login.plan.example/authorize ",
            "tokenUrl", "https://auth.plan.example/oauth2/token");

        assertEquals(new DiscoveredEndpoints(Map.of("authorizationUrl", "https://login.plan.example/authorize")),
            FILLED.unchangedIn(config));
    }

    @Test
    void aClearedEndpointIsNoLongerDiscoverys() {
        assertEquals(DiscoveredEndpoints.NONE, FILLED.unchangedIn(Map.of()));
    }

    @Test
    void aNewDiscoveryReplacesWhatAnOlderOneFilledIn() {
        DiscoveredEndpoints again = new DiscoveredEndpoints(Map.of("tokenUrl", "https://other.example/token"));

        assertEquals(new DiscoveredEndpoints(Map.of("authorizationUrl", "https://login.plan.example/authorize",
            "tokenUrl", "https://other.example/token")), FILLED.with(again));
    }
}
