package dev.payeraccess.plan;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where the member's FHIR Patient id can come from when a plan is linked. Plans differ: most send SMART's
 * {@code patient} with the token, some only an id_token with {@code fhirUser}, some neither, and then only a
 * {@code Patient} search with the new token can tell.
 */
public enum PatientSource {
    /** SMART's {@code patient} launch context in the token response. */
    TOKEN("token"),
    /** The id_token's {@code fhirUser} (when it names a Patient), else its {@code patient} claim. */
    ID_TOKEN("id_token"),
    /** {@code GET {fhirBaseUrl}/Patient} with the new token: it must find exactly one Patient. */
    SEARCH("search");

    private final String configName;

    PatientSource(String configName) {
        this.configName = configName;
    }

    /** The name administrators write in the plan's {@code patientSource} setting. */
    public String configName() {
        return configName;
    }

    public static Optional<PatientSource> byConfigName(String name) {
        return Arrays.stream(values()).filter(s -> s.configName.equals(name)).findFirst();
    }
}
