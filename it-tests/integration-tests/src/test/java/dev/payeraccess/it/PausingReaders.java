package dev.payeraccess.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Apps reading for a while, each pausing a little between reads as people do: the pauses leave pooled connections
 * idle (Keycloak's to the plan among them) long enough for the plan's side to end some of them.
 */
final class PausingReaders {

    private PausingReaders() {
    }

    @FunctionalInterface
    interface Read {
        ApiResponse send(int reader) throws Exception;
    }

    /**
     * Every answer {@code readers} readers got during {@code time}, each pausing up to {@code maxPause} between reads.
     */
    static List<ApiResponse> answers(int readers, Duration time, Duration maxPause, Read read) throws Exception {
        Instant end = Instant.now().plus(time);
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            List<Future<List<ApiResponse>>> running = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                int reader = i;
                running.add(pool.submit((Callable<List<ApiResponse>>) () -> {
                    List<ApiResponse> answers = new ArrayList<>();
                    while (Instant.now().isBefore(end)) {
                        answers.add(read.send(reader));
                        Thread.sleep(ThreadLocalRandom.current().nextLong(maxPause.toMillis() + 1));
                    }
                    return answers;
                }));
            }
            List<ApiResponse> answers = new ArrayList<>();
            for (Future<List<ApiResponse>> reader : running) {
                answers.addAll(reader.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The answers that are not 200, for a failure message. */
    static List<String> failed(List<ApiResponse> answers) {
        return answers.stream().filter(a -> a.status() != 200).map(ApiResponse::toString).toList();
    }
}
