package dev.payeraccess.proxy.limits;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.http.impl.client.CloseableHttpClient;
import org.keycloak.models.KeycloakSession;

/**
 * What this node counts for the proxy: requests in progress per user and link, each plan's {@link PlanGate}, the
 * waits plans asked of single members, and the HTTP pool. One instance per node, kept by its factory for the node's
 * life (never static, never in files), and seen by each session through {@link #forSession}.
 */
final class NodeProxyLimits implements AutoCloseable {

    private final ProxyLimitSettings settings;
    private final ConcurrencyLimit limit;
    private final ProxyHttpPool pool;
    /**
     * Each plan's gate, by realm id and alias. An entry is a few hundred bytes, and a realm holds a handful of plans,
     * so entries of deleted plans are not worth evicting.
     */
    private final Map<PlanKey, PlanGate> planGates = new ConcurrentHashMap<>();
    private final MemberWaits memberWaits = new MemberWaits(System::nanoTime);

    NodeProxyLimits(ProxyLimitSettings settings) {
        this.settings = settings;
        this.limit = new ConcurrencyLimit(settings.perUser(), settings.perLink(), settings.queuePerLink(),
            settings.waitingPerNode(), settings.queueWait(), settings.holdLimit(), System::nanoTime);
        this.pool = new ProxyHttpPool(settings.maxConnections());
    }

    ProxyLimits forSession(KeycloakSession session) {
        return new ProxyLimits() {
            @Override
            public Optional<ConcurrencyLimit.Admission> admit(String userId, String alias) {
                return limit.admit(userId, alias);
            }

            @Override
            public Optional<ConcurrencyLimit.Admission> tryAdmit(String userId, String alias) {
                return limit.tryAdmit(userId, alias);
            }

            @Override
            public PlanGate planGate(String realmId, String alias) {
                return planGates.computeIfAbsent(new PlanKey(realmId, alias),
                    key -> new PlanGate(settings.planSlotHold(), settings.longestPlanClosed(),
                        settings.memberSharePercent(), System::nanoTime));
            }

            @Override
            public MemberWaits memberWaits() {
                return memberWaits;
            }

            @Override
            public CloseableHttpClient httpClient() {
                return pool.client(session);
            }

            @Override
            public Duration deadline() {
                return settings.deadline();
            }

            @Override
            public int retryAfterSeconds() {
                return 1;
            }
        };
    }

    @Override
    public void close() {
        pool.close();
    }

    private record PlanKey(String realmId, String alias) {
    }
}
