package dev.payeraccess.audit;

import java.time.Duration;
import java.util.Optional;
import org.keycloak.models.ClientModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * What the audit records about one request to the FHIR proxy. Holds no token and no resource content:
 * the type, interaction and status say what was asked and how it ended.
 *
 * @param plan the plan's alias when it names a configured plan, else empty (so unknown aliases cannot
 *     flood the metrics with new tag values)
 * @param error a short code such as {@code scope_refused} when the status is not 2xx or 304, or the answer was cut off
 * @param duration to the last byte sent (or to the moment the answer was cut off)
 */
public record ProxiedRequest(Optional<UserModel> user, Optional<ClientModel> client, Optional<UserSessionModel> session,
                             Optional<String> plan, String resourceType, String interaction, int status,
                             Duration duration, Optional<String> error, Outcome outcome) {

    /** How the answer ended: sent whole, or cut off after its status was sent (the app saw a truncated body). */
    public enum Outcome {
        COMPLETE("complete"),
        ABORTED("aborted");

        private final String code;

        Outcome(String code) {
            this.code = code;
        }

        /** As the event's {@code outcome} detail shows it. */
        public String code() {
            return code;
        }
    }
}
