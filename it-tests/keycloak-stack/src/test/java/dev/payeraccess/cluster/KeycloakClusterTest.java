package dev.payeraccess.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The parts of the cluster stack that need no running server: reading cluster views, nginx's configuration. */
class KeycloakClusterTest {

    @Test
    void theLatestClusterViewInALogCounts() {
        String log = """
            ISPN000094: Received new cluster view for channel ISPN: [node-a-1|0] (1) [node-a-1]
            ISPN000094: Received new cluster view for channel ISPN: [node-a-1|1] (2) [node-a-1, node-b-2]
            ISPN000094: Received new cluster view for channel ISPN: [node-a-1|2] (1) [node-a-1]
            """;

        assertEquals(Optional.of(1), KeycloakCluster.latestView(log));
        assertEquals(Optional.empty(), KeycloakCluster.latestView("Keycloak started"));
    }

    @Test
    void nginxBalancesOverEveryNodeAndForwardsTheHeadersKeycloakReads() {
        String config = NginxFront.configuration(18080, List.of(18081, 18082), Path.of("/tmp/front"));

        assertTrue(config.contains("listen 127.0.0.1:18080;"), config);
        assertTrue(config.contains("server 127.0.0.1:18081 ") && config.contains("server 127.0.0.1:18082 "), config);
        for (String header : List.of("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Port")) {
            assertTrue(config.contains("proxy_set_header " + header), header + " missing:\n" + config);
        }
        assertTrue(config.contains("pid /tmp/front/nginx.pid;"), config);
    }

    @Test
    void clusterPortsLeaveRoomForFailureDetection() {
        int first = LocalPorts.freeClusterPort();
        int second = LocalPorts.freeClusterPort(first);

        assertTrue(Math.abs(first - second) >= 4, first + ", " + second);
        assertTrue(first >= 9_000 && first + 50_003 <= 65_535 && second + 50_003 <= 65_535, first + ", " + second);
    }
}
