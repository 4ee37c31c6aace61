package dev.payeraccess.bench;

import com.sun.management.GarbageCollectorMXBean;
import com.sun.management.GcInfo;
import com.sun.management.ThreadMXBean;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Keycloak's heap, read over JMX from its JVM's local management agent (started through the attach API, the
 * mechanism {@code jcmd} uses). Not from Keycloak's {@code /metrics}: one scrape of it allocates about 2 MB in
 * Keycloak (1,750 series, and Quarkus ignores {@code name[]} filters), so sampling it every 100 ms would add
 * some 20 MB/s to the very heap being measured. A JMX sample costs Keycloak a few KB.
 */
final class KeycloakHeap implements AutoCloseable {

    private static final long INTERVAL_MS = 100;
    /** When a watch makes its one collection, if the work watched has not needed any by then. */
    private static final long MID_STREAM_COLLECTION_NANOS = 300_000_000L;

    /** @param allocated bytes allocated by Keycloak's threads so far (HotSpot's per-thread counters) */
    record Sample(long used, long collections, long allocated) {
    }

    /**
     * What a {@link Watch} saw. {@link #growth()} is the largest heap in use over the baseline, garbage
     * included, so it depends on how large the young generation is allowed to grow before a collection;
     * {@link #retainedGrowth()} is the largest heap left after a collection, over the baseline, which is what
     * a buffered body would show; empty when no collection happened while watching.
     */
    record Peak(Sample before, Sample after, long maxUsed, OptionalLong maxUsedAfterCollection, int samples) {

        long growth() {
            return maxUsed - before.used();
        }

        OptionalLong retainedGrowth() {
            return maxUsedAfterCollection.isPresent()
                ? OptionalLong.of(maxUsedAfterCollection.getAsLong() - before.used()) : OptionalLong.empty();
        }

        long collections() {
            return after.collections() - before.collections();
        }

        long allocated() {
            return after.allocated() - before.allocated();
        }
    }

    private final JMXConnector connector;
    private final MemoryMXBean memory;
    private final ThreadMXBean threads;
    private final List<GarbageCollectorMXBean> collectors;
    private final Set<String> heapPools;

    private KeycloakHeap(JMXConnector connector) throws IOException {
        this.connector = connector;
        MBeanServerConnection mbeans = connector.getMBeanServerConnection();
        this.memory = ManagementFactory.newPlatformMXBeanProxy(mbeans, ManagementFactory.MEMORY_MXBEAN_NAME,
            MemoryMXBean.class);
        this.threads = ManagementFactory.newPlatformMXBeanProxy(mbeans, ManagementFactory.THREAD_MXBEAN_NAME,
            ThreadMXBean.class);
        this.collectors = new ArrayList<>();
        for (ObjectName name
            : mbeans.queryNames(pattern(ManagementFactory.GARBAGE_COLLECTOR_MXBEAN_DOMAIN_TYPE), null)) {
            collectors.add(ManagementFactory.newPlatformMXBeanProxy(mbeans, name.toString(),
                GarbageCollectorMXBean.class));
        }
        this.heapPools = ManagementFactory.getPlatformMXBeans(mbeans, MemoryPoolMXBean.class).stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    }

    static KeycloakHeap attach(KeycloakJvm jvm) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(jvm.pid()));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        return new KeycloakHeap(JMXConnectorFactory.connect(new JMXServiceURL(address)));
    }

    Sample sample() {
        long collections = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
        return new Sample(memory.getHeapMemoryUsage().getUsed(), collections, threads.getTotalThreadAllocatedBytes());
    }

    /** Bytes Keycloak's threads have allocated on the heap since it started (terminated threads included). */
    long allocated() {
        return threads.getTotalThreadAllocatedBytes();
    }

    /** A full collection, so the next sample is Keycloak's live heap. */
    void collect() {
        memory.gc();
    }

    /**
     * Takes the baseline now, then samples every {@value #INTERVAL_MS} ms in the background until {@link Watch#stop()}.
     */
    Watch watch() {
        return new Watch(sample());
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }

    final class Watch {

        private final Sample before;
        private final Thread sampler;
        private volatile boolean running = true;
        private Sample previous;
        private long maxUsed;
        private long maxUsedAfterCollection = -1;
        private int samples = 1;

        private Watch(Sample before) {
            this.before = before;
            this.previous = before;
            this.maxUsed = before.used();
            this.sampler = new Thread(this::sampleUntilStopped, "keycloak-heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        Peak stop() throws InterruptedException {
            running = false;
            sampler.join();
            Sample after = sample();
            keep(after);
            return new Peak(before, after, maxUsed, maxUsedAfterCollection < 0 ? OptionalLong.empty()
                : OptionalLong.of(maxUsedAfterCollection), samples);
        }

        /**
         * One full collection while the body streams, if none happened by then: streaming that allocates little
         * would otherwise never show what stays live, and a body held whole would still be there to see.
         */
        private void sampleUntilStopped() {
            long collectAt = System.nanoTime() + MID_STREAM_COLLECTION_NANOS;
            boolean collected = false;
            while (running) {
                Sample sample = sample();
                if (!collected && System.nanoTime() - collectAt > 0) {
                    collected = true;
                    if (sample.collections() == before.collections()) {
                        memory.gc();
                        sample = sample();
                    }
                }
                keep(sample);
                try {
                    Thread.sleep(INTERVAL_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private synchronized void keep(Sample sample) {
            maxUsed = Math.max(maxUsed, sample.used());
            if (sample.collections() > previous.collections()) {
                maxUsedAfterCollection = Math.max(maxUsedAfterCollection, usedAfterLastCollection());
            }
            previous = sample;
            samples++;
        }
    }

    /** The heap left by the most recent collection of any collector (young or old). */
    private long usedAfterLastCollection() {
        GcInfo last = null;
        for (GarbageCollectorMXBean collector : collectors) {
            GcInfo info = collector.getLastGcInfo();
            if (info != null && (last == null || info.getEndTime() > last.getEndTime())) {
                last = info;
            }
        }
        if (last == null) {
            return 0;
        }
        return last.getMemoryUsageAfterGc().entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
            .mapToLong(e -> e.getValue().getUsed()).sum();
    }

    private static ObjectName pattern(String domainType) throws IOException {
        try {
            return new ObjectName(domainType + ",*");
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IOException(e);
        }
    }
}
