package dev.payeraccess.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The plan profile document: written by export, read back by import, anything else refused naming the field. */
class ProfileDocumentTest {

    private static final SharedSettings PROFILE = SharedSettings.ofPlanForm();

    private static final ProfileDocument ACME = new ProfileDocument("acme", Optional.of("Acme Health"),
        settings("fhirBaseUrl", "https://api.acme.example/r4", "refreshTokens", "rotating", "pagingMode", "offset",
            "maxRequestsPerSecond", "5"));

    /** A version-1 document of plan {@code acme} with {@code settings}, written with ' for ". */
    private static String document(String settings) {
        return ("{'format': 'payer-access/plan-profile', 'version': 1, 'plan': {'alias': 'acme', "
            + "'displayName': 'Acme Health', 'settings': " + settings + "}}").replace('\'', '"');
    }

    private static ProfileDocument read(String body) throws RefusedProfile {
        return ProfileDocument.read(body, "acme", PROFILE);
    }

    private static Map<String, String> settings(String... keyValues) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return settings;
    }

    @Nested
    class Export {

        @Test
        void writesTheFormatTheVersionAndThePlan() {
            JsonNode json = ACME.toJson();

            assertEquals("payer-access/plan-profile", json.get("format").asText());
            assertEquals(1, json.get("version").asInt());
            assertEquals("acme", json.at("/plan/alias").asText());
            assertEquals("Acme Health", json.at("/plan/displayName").asText());
            assertEquals("rotating", json.at("/plan/settings/refreshTokens").asText());
            assertEquals(4, json.at("/plan/settings").size());
        }

        @Test
        void leavesOutAnEmptyDisplayName() {
            ProfileDocument unnamed = new ProfileDocument("acme", Optional.of(" "), Map.of());

            assertFalse(unnamed.toJson().get("plan").has("displayName"));
        }

        @Test
        void readsBackAsTheSameDocument() throws RefusedProfile {
            assertEquals(ACME, read(ACME.toJson().toString()));
        }
    }

    @Nested
    class Import {

        @Test
        void takesThePathsAliasWhenTheDocumentNamesNone() throws RefusedProfile {
            String body = "{'format': 'payer-access/plan-profile', 'version': 1, 'plan': {'settings': {}}}"
                .replace('\'', '"');

            ProfileDocument read = ProfileDocument.read(body, "our-acme", PROFILE);

            assertEquals(new ProfileDocument("our-acme", Optional.empty(), Map.of()), read);
        }

        @Test
        void takesNumbersAndBooleansAsTextAndDropsEmptyValues() throws RefusedProfile {
            ProfileDocument read = read(document("{'maxRequestsPerSecond': 5, 'pkceEnabled': false, "
                + "'logoUrl': '', 'planDescription': null}"));

            assertEquals(settings("maxRequestsPerSecond", "5", "pkceEnabled", "false"), read.settings());
        }

        @Test
        void reportsEveryBadSettingAtOnceAndNeverQuotesAValue() {
            RefusedProfile refused = assertThrows(RefusedProfile.class, () -> read(document(
                "{'clientId': 'our-client', 'clientSecret': 's3cr3t-value', 'allowPlanSignIn': 'true', "
                    + "'bogus': 'x'}")));

            String message = refused.getMessage();
            assertTrue(message.contains("plan.settings.clientId is a credential"), message);
            assertTrue(message.contains("plan.settings.clientSecret is a credential"), message);
            assertTrue(message.contains("plan.settings.allowPlanSignIn is this organization's own decision"), message);
            assertTrue(message.contains("plan.settings.bogus is not a plan profile setting"), message);
            assertFalse(message.contains("s3cr3t-value"), message);
            assertFalse(message.contains("our-client"), message);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "an empty body          | ` `                         | The body is empty",
        "no JSON                | {'format':                  | The body is not JSON (line 1",
        "trailing content       | {} {}                       | The body is not JSON",
        "an array               | []                          | The body must be a JSON object",
        "another format         | {'format': 'keycloak/idp', 'version': 1, 'plan': {}} | format must be "
            + "\"payer-access/plan-profile\"",
        "no format              | {'version': 1, 'plan': {}}  | format must be \"payer-access/plan-profile\", and "
            + "is missing",
        "no version             | {'format': 'payer-access/plan-profile', 'plan': {}} | version is missing",
        "a later version        | {'format': 'payer-access/plan-profile', 'version': 2, 'plan': {}} | version '2' "
            + "is not one this Keycloak reads",
        "version as text        | {'format': 'payer-access/plan-profile', 'version': '1', 'plan': {}} | version "
            + "'\"1\"' is not one",
        "an unknown field       | {'format': 'payer-access/plan-profile', 'version': 1, 'plan': {}, 'secrets': {}} "
            + "| The document has a field 'secrets'",
        "no plan                | {'format': 'payer-access/plan-profile', 'version': 1} | plan is missing",
        "a credential in plan   | {'format': 'payer-access/plan-profile', 'version': 1, 'plan': {'clientSecret': "
            + "'x'}} | plan has a field 'clientSecret'",
        "no settings            | {'format': 'payer-access/plan-profile', 'version': 1, 'plan': {'alias': 'acme'}} "
            + "| plan.settings is missing",
        "another alias          | {'format': 'payer-access/plan-profile', 'version': 1, 'plan': {'alias': 'other', "
            + "'settings': {}}} | plan.alias 'other' differs from the alias in the path, 'acme'",
        "a display name object  | {'format': 'payer-access/plan-profile', 'version': 1, 'plan': {'displayName': {}, "
            + "'settings': {}}} | plan.displayName must be text",
        "a client id            | {'format': 'payer-access/plan-profile', 'version': 1, 'plan': {'settings': "
            + "{'clientId': 'c'}}} | plan.settings.clientId is a credential",
        "a client secret        | {'format': 'payer-access/plan-profile', 'version': 1, 'plan': {'settings': "
            + "{'clientSecret': 'c'}}} | plan.settings.clientSecret is a credential",
        "sign-in policy         | {'format': 'payer-access/plan-profile', 'version': 1, 'plan': {'settings': "
            + "{'allowPlanSignIn': 'true'}}} | plan.settings.allowPlanSignIn is this organization's own decision",
        "an unknown setting     | {'format': 'payer-access/plan-profile', 'version': 1, 'plan': {'settings': "
            + "{'syncMode': 'LEGACY'}}} | plan.settings.syncMode is not a plan profile setting. A profile holds "
            + "fhirBaseUrl, authorizationUrl",
        "a vault reference      | {'format': 'payer-access/plan-profile', 'version': 1, 'plan': {'settings': "
            + "{'tokenUrl': '${vault.t}'}}} | plan.settings.tokenUrl refers to a secret in this Keycloak's vault",
        "a structured setting   | {'format': 'payer-access/plan-profile', 'version': 1, 'plan': {'settings': "
            + "{'pagingHosts': ['a']}}} | plan.settings.pagingHosts must be text, a number or true/false",
    })
    void refusesNamingTheField(String situation, String body, String expected) {
        RefusedProfile refused = assertThrows(RefusedProfile.class, () -> read(body.replace('\'', '"')));

        assertTrue(refused.getMessage().startsWith(expected), situation + ": " + refused.getMessage());
    }

    @Test
    void refusesAnAliasThatWouldBreakTheUrlsItBecomesPartOf() {
        for (String alias : List.of("acme health", "a/b", "{x}", "a?b", "a#b", "a:b", "", "-acme")) {
            RefusedProfile refused = assertThrows(RefusedProfile.class,
                () -> ProfileDocument.read(ACME.toJson().toString(), alias, PROFILE), alias);

            assertTrue(refused.getMessage().contains("may hold only letters, digits, dots, dashes and underscores"),
                refused.getMessage());
        }
    }
}
