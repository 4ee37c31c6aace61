package dev.payeraccess.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A whole answer read as a stream and counted, never held: the client must not be what runs out of memory. */
record LargeDownload(long bytes, Duration elapsed) {

    static LargeDownload fetch(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + " answered HTTP " + response.statusCode());
            }
            byte[] buffer = new byte[64 * 1024];
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                bytes += n;
            }
        }
        return new LargeDownload(bytes, Duration.ofNanos(System.nanoTime() - start));
    }

    double megabytesPerSecond() {
        return bytes / 1e6 / (elapsed.toNanos() / 1e9);
    }
}
