package dev.payeraccess.plan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plan at the level of its TCP connections, for the tests of what a call does when a connection ends: it keeps
 * connections alive and, for each request, does what the test's {@link Script} says: answer, close the connection
 * without answering (FIN), reset it (RST), or begin an answer and close mid-way.
 */
final class ScriptedPlan implements AutoCloseable {

    /** What the plan does with a request. */
    enum Act {
        /** Answers with the plan's status and body, and keeps the connection. */
        ANSWER,
        /** Answers 503 (no {@code Retry-After}), and keeps the connection. */
        UNAVAILABLE,
        /** Answers 504, as a gateway that stopped waiting for the plan, and keeps the connection. */
        GATEWAY_TIMEOUT,
        /** Closes the connection (FIN) without a byte of an answer. */
        CLOSE,
        /** Resets the connection (RST) without a byte of an answer. */
        RESET,
        /** Sends the head and the first byte of the body, then closes. */
        BREAK_OFF
    }

    @FunctionalInterface
    interface Script {
        /**
         * @param connection 1 for the first connection the plan accepted, 2 for the next...
         * @param request 1 for the first request on that connection, 2 for the next...
         */
        Act act(int connection, int request);
    }

    private final ServerSocket server;
    private final Script script;
    private final int status;
    private final String body;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /** A plan that answers what it answers with {@code status} and {@code body} (JSON). */
    ScriptedPlan(int status, String body, Script script) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        this.status = status;
        this.body = body;
        Thread acceptor = new Thread(this::accept, "scripted-plan");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String origin() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** The requests that arrived ("POST /token ..." with the body, or "GET /r4/..."), in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                int number = connections.incrementAndGet();
                Thread serving = new Thread(() -> serve(socket, number), "scripted-plan-" + number);
                serving.setDaemon(true);
                serving.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket, int connection) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (int request = 1; ; request++) {
                String head = head(in);
                if (head.isEmpty()) {
                    return;
                }
                requests.add(head.lines().findFirst().orElse("") + " " + body(in, head));
                Act act = script.act(connection, request);
                switch (act) {
                    case ANSWER -> answer(out, status, body);
                    case UNAVAILABLE -> answer(out, 503, "{\"error\":\"temporarily_unavailable\"}");
                    case GATEWAY_TIMEOUT -> answer(out, 504, "{}");
                    case CLOSE -> {
                        return;
                    }
                    case RESET -> {
                        socket.setSoLinger(true, 0);
                        return;
                    }
                    case BREAK_OFF -> {
                        out.write(("HTTP/1.1 " + status + " OK\r\nContent-Type: application/fhir+json\r\n"
                            + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        return;
                    }
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void answer(OutputStream out, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
            + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(bytes);
        out.flush();
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                return "";
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String body(InputStream in, String head) throws IOException {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                int length = Integer.parseInt(line.substring(15).trim());
                return new String(in.readNBytes(length), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
