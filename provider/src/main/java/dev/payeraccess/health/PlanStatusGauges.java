package dev.payeraccess.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code payer_access_plan_status{realm, plan}}: 1 up, 0.5 degraded, 0 down, NaN not probed yet. Node-local
 * values of the shared findings, kept by the factory that Keycloak holds for the node's life.
 */
final class PlanStatusGauges {

    private record Key(String realm, String plan) {
    }

    private final Map<Key, AtomicReference<PlanStatus>> values = new ConcurrentHashMap<>();
    private final Map<Key, Meter> meters = new ConcurrentHashMap<>();

    void set(String realm, String plan, PlanStatus status) {
        Key key = new Key(realm, plan);
        values.computeIfAbsent(key, k -> {
            AtomicReference<PlanStatus> value = new AtomicReference<>(status);
            meters.put(k, Gauge.builder("payer_access_plan_status", value, v -> v.get().gaugeValue())
                .description("Health plan status from its last probe: 1 up, 0.5 degraded, 0 down")
                .tag("realm", k.realm()).tag("plan", k.plan())
                .register(Metrics.globalRegistry));
            return value;
        }).set(status);
    }

    void close() {
        meters.values().forEach(Metrics.globalRegistry::remove);
        meters.clear();
        values.clear();
    }
}
