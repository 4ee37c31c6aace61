package dev.payeraccess.proxy;

import dev.payeraccess.api.BearerCaller;
import dev.payeraccess.audit.ProxiedRequest;
import dev.payeraccess.proxy.request.FhirRequest;
import java.time.Duration;
import java.util.Optional;

/**
 * What is known about a proxied request so far, for its one audit record: each step that learns something
 * returns a new value with it, so a refusal at any step records exactly what was known then.
 */
record AuditFacts(long startedNanos, Optional<BearerCaller> caller, Optional<String> plan, String resourceType,
                  String interaction) {

    static AuditFacts startingNow() {
        return new AuditFacts(System.nanoTime(), Optional.empty(), Optional.empty(), "", "");
    }

    AuditFacts caller(BearerCaller app) {
        return new AuditFacts(startedNanos, Optional.of(app), plan, resourceType, interaction);
    }

    /** @param alias a configured plan's alias: only those become metric tags */
    AuditFacts plan(String alias) {
        return new AuditFacts(startedNanos, caller, Optional.of(alias), resourceType, interaction);
    }

    AuditFacts request(FhirRequest request) {
        return new AuditFacts(startedNanos, caller, plan, request.type().orElse(""), request.interaction().code());
    }

    ProxiedRequest ended(int status, Optional<String> error, ProxiedRequest.Outcome outcome) {
        return new ProxiedRequest(caller.map(BearerCaller::user), caller.map(BearerCaller::client),
            caller.map(BearerCaller::session), plan, resourceType, interaction, status,
            Duration.ofNanos(System.nanoTime() - startedNanos), error, outcome);
    }
}
