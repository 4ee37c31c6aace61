package dev.payeraccess.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Free TCP ports on this host, for servers the stack starts side by side. */
public final class LocalPorts {

    /**
     * JGroups binds the cluster port and, for failure detection (FD_SOCK2), the cluster port plus this offset; each
     * may move up to {@value #RANGE} ports when taken. So a cluster port needs both ranges free, the sum must be a
     * valid port, and the ports come from a range of their own, away from JGroups' default 7800 that other
     * Keycloaks on the host use.
     */
    private static final int FAILURE_DETECTION_OFFSET = 50_000;
    private static final int RANGE = 4;
    private static final int FIRST_CLUSTER_PORT = 9_000;
    private static final int LAST_CLUSTER_PORT = 65_535 - FAILURE_DETECTION_OFFSET - RANGE;

    private LocalPorts() {
    }

    /** Any free port, as the operating system picks it. */
    public static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * A free port for a node's {@code --cache-embedded-network-bind-port}, whose ranges do not overlap those of the
     * ports in {@code taken}. The search starts at a random place, so stacks started side by side rarely meet.
     */
    public static int freeClusterPort(int... taken) {
        int span = LAST_CLUSTER_PORT - FIRST_CLUSTER_PORT + 1;
        int start = ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < span; i += RANGE) {
            int port = FIRST_CLUSTER_PORT + (start + i) % span;
            if (port <= LAST_CLUSTER_PORT && !overlaps(taken, port) && rangeIsFree(port)
                && rangeIsFree(port + FAILURE_DETECTION_OFFSET)) {
                return port;
            }
        }
        throw new IllegalStateException("No free ports between " + FIRST_CLUSTER_PORT + " and " + LAST_CLUSTER_PORT
            + " (and the same plus " + FAILURE_DETECTION_OFFSET + ") for Keycloak's cluster transport");
    }

    private static boolean overlaps(int[] taken, int port) {
        for (int other : taken) {
            if (Math.abs(other - port) < RANGE) {
                return true;
            }
        }
        return false;
    }

    private static boolean rangeIsFree(int first) {
        for (int port = first; port < first + RANGE; port++) {
            // The wildcard address, as JGroups' failure detection binds it: taken by any bind to that port.
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(false);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
