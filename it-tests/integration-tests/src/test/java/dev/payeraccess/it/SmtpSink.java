package dev.payeraccess.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A mail server for tests on 127.0.0.1: speaks just enough SMTP (RFC 5321: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP,
 * QUIT; no TLS, no authentication) for Keycloak's mail sender, and keeps each message as received: its recipients
 * and its raw text (headers and MIME body, quoted-printable soft line breaks joined).
 */
final class SmtpSink implements AutoCloseable {

    /** One message: the {@code RCPT TO} addresses and the raw message text. */
    record Mail(List<String> recipients, String text) {
    }

    private final ServerSocket server;
    private final List<Mail> received = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private SmtpSink(ServerSocket server) {
        this.server = server;
        this.acceptor = new Thread(this::acceptAll, "smtp-sink");
        this.acceptor.setDaemon(true);
    }

    static SmtpSink start() throws IOException {
        SmtpSink sink = new SmtpSink(new ServerSocket(0, 10, InetAddress.getLoopbackAddress()));
        sink.acceptor.start();
        return sink;
    }

    int port() {
        return server.getLocalPort();
    }

    List<Mail> received() {
        return List.copyOf(received);
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                client.setSoTimeout(30_000);
                converse(client);
            } catch (IOException closedOrBroken) {
                // the next connection, or the end when the sink is closed
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = client.getOutputStream();
        reply(out, "220 smtp-sink ESMTP");
        List<String> recipients = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String command = line.length() < 4 ? line.toUpperCase(Locale.ROOT)
                : line.substring(0, 4).toUpperCase(Locale.ROOT);
            switch (command) {
                case "EHLO" -> reply(out, "250-smtp-sink\r\n250 8BITMIME");
                case "RCPT" -> {
                    recipients.add(line.replaceAll("(?i)^RCPT TO:\\s*<?([^>]*)>?.*$", "$1"));
                    reply(out, "250 OK");
                }
                case "DATA" -> {
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    received.add(new Mail(List.copyOf(recipients), data(in)));
                    recipients.clear();
                    reply(out, "250 OK: queued");
                }
                case "QUIT" -> {
                    reply(out, "221 Bye");
                    return;
                }
                default -> reply(out, "250 OK"); // HELO, MAIL, RSET, NOOP
            }
        }
    }

    private static String data(BufferedReader in) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line = in.readLine(); line != null && !line.equals("."); line = in.readLine()) {
            text.append(line.startsWith("..") ? line.substring(1) : line).append('\n');
        }
        return text.toString().replace("=\n", "");
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
