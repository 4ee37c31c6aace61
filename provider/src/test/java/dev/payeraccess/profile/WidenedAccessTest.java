package dev.payeraccess.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.fhir.R4;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WidenedAccessTest {

    private static final Set<String> TYPES = R4.context().getResourceTypes();

    @ParameterizedTest(name = "{0}: {1} → {2} widens {3}")
    @CsvSource(delimiter = '|', value = {
        "pkceEnabled         | true                  | false                         | pkceEnabled",
        "sendAudience        | true                  | false                         | sendAudience",
        "defaultScope        | patient/*.read openid | user/*.read openid            | defaultScope",
        "defaultScope        | patient/*.read openid | patient/*.read openid offline_access | defaultScope",
        "allowedResourceTypes| Patient, Coverage     | Patient, Coverage, Observation | allowedResourceTypes",
        "pkceEnabled         | false                 | true                          | ''",
        "sendAudience        | false                 | true                          | ''",
        "defaultScope        | patient/*.read openid | patient/Coverage.read openid  | ''",
        "defaultScope        | user/*.read openid    | patient/*.read openid         | ''",
        "allowedResourceTypes| Patient, Coverage, Observation | Patient, Coverage    | ''"})
    void onlyWhatGrantsMoreMustBeConfirmed(String key, String before, String after, String widened) {
        WidenedAccess access = WidenedAccess.between(Map.of(key, before), Map.of(key, after), TYPES);

        assertEquals(widened.isEmpty() ? List.of() : List.of(widened), access.unconfirmed(Set.of()));
    }

    @ParameterizedTest(name = "a new plan with {0}={1}")
    @CsvSource(delimiter = '|', value = {"pkceEnabled | false", "defaultScope | user/*.read openid",
        "allowedResourceTypes | Patient, Observation"})
    void aNewPlanIsComparedWithANewPlansDefaults(String key, String value) {
        WidenedAccess access = WidenedAccess.between(Map.of(), Map.of(key, value), TYPES);

        assertEquals(List.of(key), access.unconfirmed(Set.of()));
        assertTrue(access.unconfirmed(Set.of(key)).isEmpty(), "confirmed by name");
        assertTrue(access.describe(List.of(key)).startsWith(key + " ("), access.describe(List.of(key)));
    }
}
