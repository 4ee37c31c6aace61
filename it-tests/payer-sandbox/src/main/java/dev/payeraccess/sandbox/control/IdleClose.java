package dev.payeraccess.sandbox.control;

/**
 * How the plan's side ends a keep-alive connection that stayed idle: servers and load balancers in front of real
 * plans close idle connections after 60 s to a few minutes, and not all of them say so.
 */
public enum IdleClose {
    /**
     * The connection is closed (TCP FIN) once it has been idle that long, as nginx's {@code keepalive_timeout} and
     * Jetty's idle timeout do: a client that checks a pooled connection before reusing it finds it closed, one that
     * sends on it at once gets no answer.
     */
    TOLD,
    /**
     * The connection is forgotten without a word once it has been idle that long, as a load balancer that drops its
     * idle flows: it still looks open to the client, and the next request on it is reset (TCP RST), unanswered and
     * never processed.
     */
    SILENT
}
