package dev.payeraccess.sandbox.control;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ConnectionMetaData;

/**
 * Ends keep-alive connections the way the infrastructure in front of real plans does, as {@link SandboxControls}'
 * {@link SandboxControls#closeIdleConnections idle limit} and {@link SandboxControls#closeReusedConnectionsOnArrival
 * close-on-arrival} switches say: it knows, per connection, how many requests it answered and since when it is idle.
 */
final class KeepAliveConnections {

    /** Long enough that Jetty's own idle timeout never tells the client while {@link IdleClose#SILENT} is on. */
    private static final long SILENT_IDLE_TIMEOUT_MS = Duration.ofMinutes(10).toMillis();

    private final SandboxControls controls;
    /** Weak keys: Jetty holds an open connection, so its entry goes when the connection does. */
    private final Map<Connection, Use> uses = Collections.synchronizedMap(new WeakHashMap<>());
    private final AtomicLong reusedArrivals = new AtomicLong();

    /** One connection's history; guarded by itself. */
    private static final class Use {
        private int answered;
        private boolean busy;
        private long idleSinceNanos;
    }

    KeepAliveConnections(SandboxControls controls) {
        this.controls = controls;
    }

    /**
     * A request arrived.
     *
     * @return whether it may be answered; when not, its connection was just ended and the request must be left as is
     */
    boolean arrived(HttpServletRequest request) {
        Connection connection = metaData(request).getConnection();
        Use use = uses.computeIfAbsent(connection, c -> new Use());
        Duration idleFor;
        synchronized (use) {
            use.busy = true;
            if (use.answered == 0) {
                return true;
            }
            idleFor = Duration.ofNanos(System.nanoTime() - use.idleSinceNanos);
        }
        Optional<IdleLimit> limit = controls.idleLimit();
        if (limit.isPresent() && limit.get().how() == IdleClose.SILENT && idleFor.compareTo(limit.get().after()) > 0) {
            controls.connectionEnded(true);
            reset(connection.getEndPoint());
            return false;
        }
        int every = controls.closeReusedOnArrivalEvery();
        if (every > 0 && reusedArrivals.incrementAndGet() % every == 0) {
            controls.connectionEnded(true);
            connection.getEndPoint().close();
            return false;
        }
        return true;
    }

    /** The request's answer is written (or buffered to be sent as the request ends): the connection is idle. */
    void answered(HttpServletRequest request) {
        ConnectionMetaData metaData = metaData(request);
        Connection connection = metaData.getConnection();
        Use use = uses.computeIfAbsent(connection, c -> new Use());
        long mark = System.nanoTime();
        synchronized (use) {
            use.answered++;
            use.busy = false;
            use.idleSinceNanos = mark;
        }
        Optional<IdleLimit> limit = controls.idleLimit();
        EndPoint endPoint = connection.getEndPoint();
        boolean silent = limit.isPresent() && limit.get().how() == IdleClose.SILENT;
        long idleTimeout = silent ? SILENT_IDLE_TIMEOUT_MS : metaData.getConnector().getIdleTimeout();
        if (endPoint.getIdleTimeout() != idleTimeout) {
            endPoint.setIdleTimeout(idleTimeout);
        }
        if (limit.isPresent() && limit.get().how() == IdleClose.TOLD) {
            metaData.getConnector().getScheduler().schedule(() -> closeIfStillIdle(endPoint, use, mark),
                limit.get().after().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Closes the connection (FIN) unless a request arrived on it since {@code mark}. */
    private void closeIfStillIdle(EndPoint endPoint, Use use, long mark) {
        synchronized (use) {
            if (use.busy || use.idleSinceNanos != mark || !endPoint.isOpen()) {
                return;
            }
            // Counted first: a test that sees the connection end may look at the count at once.
            controls.connectionEnded(false);
            endPoint.close();
        }
    }

    /** Closes with a TCP RST instead of a FIN: a zero linger time makes the kernel drop the connection at once. */
    private static void reset(EndPoint endPoint) {
        if (endPoint.getTransport() instanceof NetworkChannel channel) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException e) {
                // Closed meanwhile: nothing left to reset.
            }
        }
        endPoint.close();
    }

    private static ConnectionMetaData metaData(HttpServletRequest request) {
        return ServletContextRequest.getServletContextRequest(request).getConnectionMetaData();
    }
}
