package dev.payeraccess.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.payeraccess.sandbox.control.Area;
import dev.payeraccess.sandbox.control.IdleClose;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The sandbox ends keep-alive connections as the servers and load balancers in front of real plans do: closing idle
 * ones (telling the client, or not), and closing one just as a request arrives on it. A request it does not answer
 * was never processed: it reaches no endpoint and is not recorded.
 */
class KeepAliveConnectionsTest extends SandboxTest {

    private static final String READ = "/r4/metadata";

    @Test
    void anIdleConnectionIsClosedWithAFinWhenTheClientIsTold() throws Exception {
        sandbox.controls().closeIdleConnections(Duration.ofMillis(200), IdleClose.TOLD);
        try (RawConnection connection = new RawConnection(sandbox.port())) {
            assertEquals(200, connection.get(READ));

            assertEquals(RawConnection.Fate.CLOSED, connection.after(Duration.ofSeconds(3)));
        }
        assertEquals(1, sandbox.controls().connectionsEnded());
        assertEquals(0, sandbox.controls().requestsUnanswered());
    }

    @Test
    void anIdleConnectionEndedSilentlyLooksOpenAndItsNextRequestIsResetUnanswered() throws Exception {
        sandbox.controls().closeIdleConnections(Duration.ofMillis(200), IdleClose.SILENT);
        try (RawConnection connection = new RawConnection(sandbox.port())) {
            assertEquals(200, connection.get(READ));
            assertEquals(RawConnection.Fate.OPEN, connection.after(Duration.ofMillis(500)), "no FIN");
            int received = sandbox.controls().discoveryRequests().size();

            assertThrows(IOException.class, () -> connection.get(READ), "the request is reset");
            assertEquals(received, sandbox.controls().discoveryRequests().size(), "it reached no endpoint");
        }
        assertEquals(1, sandbox.controls().requestsUnanswered());
    }

    @Test
    void aConnectionReusedWithinTheIdleLimitIsAnswered() throws Exception {
        sandbox.controls().closeIdleConnections(Duration.ofSeconds(5), IdleClose.SILENT);
        try (RawConnection connection = new RawConnection(sandbox.port())) {
            assertEquals(200, connection.get(READ));
            assertEquals(200, connection.get(READ));
        }
        assertEquals(0, sandbox.controls().connectionsEnded());
    }

    @Test
    void closingOnArrivalAnswersANewConnectionAndClosesAReusedOneUnanswered() throws Exception {
        sandbox.controls().closeReusedConnectionsOnArrival(1);
        try (RawConnection connection = new RawConnection(sandbox.port())) {
            assertEquals(200, connection.get(READ), "the first request of a connection");

            assertEquals(-1, connection.get(READ), "closed as the second one arrived, no byte of an answer");
        }
        try (RawConnection fresh = new RawConnection(sandbox.port())) {
            assertEquals(200, fresh.get(READ));
        }
        assertEquals(2, sandbox.controls().discoveryRequests().size(), "the unanswered request is not recorded");
        assertEquals(1, sandbox.controls().requestsUnanswered());
    }

    @Test
    void closingOnArrivalEveryNthLeavesTheOthersAnswered() throws Exception {
        sandbox.controls().closeReusedConnectionsOnArrival(3);
        int answered = 0;
        try (RawConnection connection = new RawConnection(sandbox.port())) {
            for (int status = connection.get(READ); status == 200; status = connection.get(READ)) {
                answered++;
            }
        }
        assertEquals(3, answered, "the first, then two reused arrivals; the third reused one is closed");
        assertEquals(0, sandbox.controls().requestCount(Area.TOKEN));
    }

    @Test
    void resetEndsTheSwitches() throws Exception {
        sandbox.controls().closeReusedConnectionsOnArrival(1)
            .closeIdleConnections(Duration.ofMillis(1), IdleClose.TOLD);
        sandbox.reset();
        try (RawConnection connection = new RawConnection(sandbox.port())) {
            assertEquals(200, connection.get(READ));
            Thread.sleep(50);
            assertEquals(200, connection.get(READ));
        }
        assertEquals(0, sandbox.controls().connectionsEnded());
    }
}
