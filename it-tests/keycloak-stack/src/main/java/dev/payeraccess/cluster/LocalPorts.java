package dev.payeraccess.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on this host, for servers the stack starts side by side. */
public final class LocalPorts {

    /**
     * JGroups' failure detection (FD_SOCK2) listens on the cluster port plus this offset, so both must be free and
     * the sum a valid port: cluster ports come from a low range, not the ephemeral one.
     */
    private static final int FAILURE_DETECTION_OFFSET = 50_000;
    private static final int FIRST_CLUSTER_PORT = 7_800;
    private static final int LAST_CLUSTER_PORT = 65_535 - FAILURE_DETECTION_OFFSET;

    private LocalPorts() {
    }

    /** Any free port, as the operating system picks it. */
    public static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A free port for a node's {@code --cache-embedded-network-bind-port}, other than those in {@code taken}. */
    public static int freeClusterPort(int... taken) {
        for (int port = FIRST_CLUSTER_PORT; port <= LAST_CLUSTER_PORT; port++) {
            if (!contains(taken, port) && isFree(port) && isFree(port + FAILURE_DETECTION_OFFSET)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port pair between " + FIRST_CLUSTER_PORT + " and " + LAST_CLUSTER_PORT
            + " (and the same plus " + FAILURE_DETECTION_OFFSET + ") for Keycloak's cluster transport");
    }

    private static boolean contains(int[] ports, int port) {
        for (int p : ports) {
            if (p == port) {
                return true;
            }
        }
        return false;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
