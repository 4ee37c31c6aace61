package dev.payeraccess.audit;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ImpersonationSessionNote;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

/**
 * Records every request to the FHIR proxy twice: as a Keycloak event and in a Micrometer timer.
 *
 * <p><b>Event.</b> Keycloak's event types are a fixed enum; the closest is
 * {@code IDENTITY_PROVIDER_RETRIEVE_TOKEN} (an app used the member's stored plan token, here through the
 * proxy), with {@code _ERROR} for refusals. Its details: {@code identity_provider}, {@code resource_type},
 * {@code fhir_interaction}, {@code status} (the status sent), {@code outcome} ({@code complete}, or {@code aborted}
 * when the answer was cut off after its status was sent) and {@code duration_ms} (to the last byte). It is written
 * when the answer has been streamed. Keycloak does not save this type by
 * default: add it to the realm's saved event types to see proxy requests in the admin console (the demo
 * realm does); event listeners receive it either way.
 *
 * <p><b>Metrics.</b> {@code payer_access_proxy_requests_seconds} (count, sum, max) tagged with
 * {@code realm}, {@code plan} and {@code status}, on Keycloak's {@code /metrics} when
 * {@code --metrics-enabled=true}. Keycloak registers its Prometheus registry with Micrometer's global
 * registry, the one place meters of an extension can reach it.
 */
public final class ProxyAudit {

    static final String TIMER = "payer_access_proxy_requests";

    private final KeycloakSession session;
    private final RealmModel realm;

    public ProxyAudit(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * A request without a valid caller is counted in the metrics only: one event row per anonymous request
     * would let anyone fill the event store.
     */
    public void record(ProxiedRequest request) {
        if (request.user().isPresent()) {
            event(request);
        }
        Timer.builder(TIMER)
            .description("Requests to the payer-access FHIR proxy, by plan and answered status")
            .tag("realm", realm.getName())
            .tag("plan", request.plan().orElse("(unknown)"))
            .tag("status", Integer.toString(request.status()))
            .register(Metrics.globalRegistry)
            .record(request.duration());
    }

    /** An administrator reading a member's plan data through impersonation is named in the audit. */
    private static void impersonator(UserSessionModel userSession, EventBuilder event) {
        String id = userSession.getNote(ImpersonationSessionNote.IMPERSONATOR_ID.toString());
        if (id != null) {
            event.detail(Details.IMPERSONATOR,
                userSession.getNote(ImpersonationSessionNote.IMPERSONATOR_USERNAME.toString()))
                .detail("impersonator_id", id);
        }
    }

    private void event(ProxiedRequest request) {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
            .event(EventType.IDENTITY_PROVIDER_RETRIEVE_TOKEN)
            .detail("payer_access", "fhir-proxy")
            .detail("identity_provider", request.plan().orElse("(unknown)"))
            .detail("resource_type", request.resourceType())
            .detail("fhir_interaction", request.interaction())
            .detail("status", Integer.toString(request.status()))
            .detail("outcome", request.outcome().code())
            .detail("duration_ms", Long.toString(request.duration().toMillis()));
        request.user().ifPresent(event::user);
        request.client().ifPresent(event::client);
        request.session().ifPresent(event::session);
        request.session().ifPresent(userSession -> impersonator(userSession, event));
        if (request.error().isPresent()) {
            event.error(request.error().get());
        } else {
            event.success();
        }
    }
}
