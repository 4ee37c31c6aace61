package dev.payeraccess.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanTokenResponseTest {

    private static String idToken(String claimsJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
            + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8)) + ".sig";
    }

    @Test
    void readsTheSmartTokenResponse() {
        PlanTokenResponse response = PlanTokenResponse.parse("""
            {"access_token":"AT","token_type":"Bearer","expires_in":3600,"refresh_token":"RT",
             "scope":"patient/*.read openid","patient":"123"}""");

        assertEquals("AT", response.accessToken());
        assertEquals(Optional.of("RT"), response.refreshToken());
        assertEquals(Optional.of(3600L), response.expiresIn());
        assertEquals(Optional.of("123"), response.statedPatientId());
    }

    @Test
    void readsKeycloakStyleRefreshExpiresInAndZeroAsNotSaid() {
        assertEquals(Optional.of(1800L), PlanTokenResponse.parse(
            "{\"access_token\":\"AT\",\"refresh_token\":\"RT\",\"refresh_expires_in\":1800}").refreshExpiresIn());
        assertEquals(Optional.empty(), PlanTokenResponse.parse(
            "{\"access_token\":\"AT\",\"refresh_token\":\"RT\",\"refresh_expires_in\":0}").refreshExpiresIn());
    }

    @Test
    void readsTheGrantEndBlueButtonSendsAndIgnoresOneItCannotRead() {
        assertEquals(Optional.of(Instant.parse("2026-09-05T19:17:53Z")), PlanTokenResponse.parse(
            "{\"access_token\":\"AT\",\"access_grant_expiration\":\"2026-09-05 19:17:53Z\"}").grantEndsAt());
        assertEquals(Optional.of(Instant.parse("2026-09-05T17:17:53Z")), PlanTokenResponse.parse(
            "{\"access_token\":\"AT\",\"access_grant_expiration\":\"2026-09-05T19:17:53+02:00\"}").grantEndsAt());
        for (String unread : new String[] {"\"\"", "\"next year\"", "1788462000", "null"}) {
            assertEquals(Optional.empty(), PlanTokenResponse.parse(
                "{\"access_token\":\"AT\",\"access_grant_expiration\":" + unread + "}").grantEndsAt(), unread);
        }
    }

    @Test
    void patientComesFromFhirUserWhenTheResponseHasNone() {
        PlanTokenResponse response = PlanTokenResponse.parse("{\"access_token\":\"AT\",\"id_token\":\""
            + idToken("{\"fhirUser\":\"https://api.plan.example/r4/Patient/abc-9\"}") + "\"}");

        assertEquals(Optional.of("abc-9"), response.statedPatientId());
    }

    @Test
    void aFhirUserThatIsAPractitionerIsNotTheMember() {
        PlanTokenResponse response = PlanTokenResponse.parse("{\"access_token\":\"AT\",\"id_token\":\""
            + idToken("{\"fhirUser\":\"Practitioner/7\",\"patient\":\"p-1\"}") + "\"}");

        assertEquals(Optional.of("p-1"), response.statedPatientId(), "falls back to the patient claim");
    }

    @Test
    void nothingStatedMeansTheCallerMustAskThePlan() {
        assertEquals(Optional.empty(), PlanTokenResponse.parse("{\"access_token\":\"AT\"}").statedPatientId());
    }

    @Test
    void errorsNeverQuoteTheAnswer() {
        IllegalArgumentException noToken = assertThrows(IllegalArgumentException.class,
            () -> PlanTokenResponse.parse("{\"refresh_token\":\"SECRET-RT\"}"));
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
            () -> PlanTokenResponse.parse("<html>SECRET</html>"));

        assertFalse(noToken.getMessage().contains("SECRET"));
        assertFalse(notJson.getMessage().contains("SECRET"));
    }
}
