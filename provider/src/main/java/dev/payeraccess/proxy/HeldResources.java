package dev.payeraccess.proxy;

import java.util.ArrayDeque;
import java.util.Deque;
import org.jboss.logging.Logger;

/**
 * What one request holds (its admission, its slot at the plan), given back in the reverse order it was taken,
 * once: at a refusal, or when the answer has been streamed.
 */
final class HeldResources implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HeldResources.class);

    private final Deque<AutoCloseable> held = new ArrayDeque<>();

    void hold(AutoCloseable resource) {
        held.push(resource);
    }

    @Override
    public void close() {
        while (!held.isEmpty()) {
            try {
                held.pop().close();
            } catch (Exception e) {
                // Admissions and slots do not fail on close; if one did, the others must still be given back.
                LOG.warnf("Could not give back a proxy resource: %s", e.getClass().getName());
            }
        }
    }
}
