package dev.payeraccess.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Many requests sent at the same time, each on its own thread, as many app instances would. */
final class AtOnce {

    private AtOnce() {
    }

    @FunctionalInterface
    interface IndexedCall {
        int call(int index) throws Exception;
    }

    /** What each of {@code count} concurrent calls answered, in the order they were started. */
    static List<Integer> statuses(int count, IndexedCall call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit((Callable<Integer>) () -> call.call(index)));
            }
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
