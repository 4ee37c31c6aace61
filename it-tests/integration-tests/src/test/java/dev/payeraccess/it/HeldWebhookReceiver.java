package dev.payeraccess.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver on 127.0.0.1 that holds its first request unanswered (the sending node stays mid-delivery) and
 * answers every later one 204, recording each request's {@code webhook-id}.
 */
final class HeldWebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> held = new CopyOnWriteArrayList<>();
    private final List<String> answered = new CopyOnWriteArrayList<>();

    private HeldWebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static HeldWebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        HeldWebhookReceiver receiver = new HeldWebhookReceiver(server);
        server.setExecutor(receiver.threads);
        server.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            boolean first;
            synchronized (receiver) {
                first = receiver.held.isEmpty() && receiver.answered.isEmpty();
                if (first) {
                    receiver.held.add(id);
                }
            }
            if (first) {
                try {
                    receiver.release.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            receiver.answered.add(id);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return receiver;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** The id of the request being held, once one arrived within {@code wait}. */
    String held(Duration wait) throws InterruptedException {
        return await(held, wait, "no delivery arrived");
    }

    /** The id of the first request answered 204, once one arrived within {@code wait}. */
    String answered(Duration wait) throws InterruptedException {
        return await(answered, wait, "no delivery was answered");
    }

    private static String await(List<String> ids, Duration wait, String failure) throws InterruptedException {
        Instant until = Instant.now().plus(wait);
        while (ids.isEmpty()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError(failure + " within " + wait);
            }
            Thread.sleep(100);
        }
        return ids.get(0);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
