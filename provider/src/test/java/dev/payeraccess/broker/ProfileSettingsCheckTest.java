package dev.payeraccess.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.plan.PagingMode;
import dev.payeraccess.plan.PatientSource;
import dev.payeraccess.plan.PlanProfile;
import dev.payeraccess.plan.RefreshTokens;
import dev.payeraccess.plan.ResolverTable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The plan profile's settings: refused on save with a message naming the fix, read back as typed values. */
class ProfileSettingsCheckTest {

    private static PlanIdentityProviderConfig config(String... keyValues) {
        PlanIdentityProviderConfig config = new PlanIdentityProviderConfig();
        config.getConfig().put(PlanIdentityProviderConfig.FHIR_BASE_URL, "https://api.plan.example/r4");
        for (int i = 0; i < keyValues.length; i += 2) {
            config.getConfig().put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    @Test
    void aPlanWithoutProfileSettingsBehavesAsTheStandardSays() {
        assertEquals(List.of(), ProfileSettingsCheck.problems(config(), ResolverTable.publicOnly()));
        assertEquals(PlanProfile.standard(), config().profile());
    }

    @Test
    void everySettingIsReadAsTyped() {
        PlanProfile profile = config("patientSource", "search, token", "refreshTokens", "rotating",
            "maxAuthorizationDays", "395", "pagingMode", "offset", "offsetParameter", "startIndex",
            "maxRequestsPerSecond", "5", "maxConcurrentRequests", "2").profile();

        assertEquals(new PlanProfile(List.of(PatientSource.SEARCH, PatientSource.TOKEN), RefreshTokens.ROTATING,
            Optional.of(Duration.ofDays(395)), PagingMode.OFFSET, "startIndex", OptionalInt.of(5), OptionalInt.of(2)),
            profile);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "refreshTokens         | sometimes        | is not one of reusable, rotating, none",
        "scopeStyle            | smart-v3         | is not one of as-typed, smart-v1",
        "pagingMode            | cursor           | is not one of next-links, offset",
        "clientAssertionSigningAlg | HS256        | is not one of RS384, ES384, RS256, ES256",
        "patientSource         | token, email     | email is not a place to find the member",
        "patientSource         | token, token     | token is named twice",
        "maxAuthorizationDays  | 0                | is not a whole number from 1 to 3650",
        "maxAuthorizationDays  | 13 months        | enter days, e.g. 395",
        "maxRequestsPerSecond  | -1               | is not a whole number from 1 to 10000",
        "maxConcurrentRequests | many             | is not a whole number from 1 to 1000",
        "offsetParameter       | start index      | is not a paging parameter",
        "offsetParameter       | _include         | is not a paging parameter",
        "offsetParameter       | _filter          | is not a paging parameter",
        "offsetParameter       | patient          | is not a paging parameter",
        "offsetParameter       | page.offset      | is not a paging parameter",
        "pagingHosts           | http://cdn.plan.example/r4 | must use https://",
        "pagingHosts           | https://cdn.plan.example/r4?x=1 | must not carry a query",
        "pagingHosts           | https://api.plan.example/r4 | is the FHIR base URL itself",
        "pagingHosts           | https://10.0.0.7/r4 | is a private or loopback address",
    })
    void aWrongSettingIsRefusedNamingItAndTheFix(String key, String value, String expected) {
        List<String> problems = ProfileSettingsCheck.problems(config(key, value), ResolverTable.publicOnly());

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(key), problems.get(0));
        assertTrue(problems.get(0).contains(expected), problems.get(0));
    }

    @Test
    void pagingHostsAreListedWithoutTrailingSlashes() {
        assertEquals(List.of("https://cdn.plan.example/r4", "https://gw.plan.example/fhir"),
            config("pagingHosts", "https://cdn.plan.example/r4/, https://gw.plan.example/fhir").pagingHosts());
    }

    @Test
    void privateKeyJwtIsAClientAuthenticationAndSignsWithSmartsRs384ByDefault() {
        PlanIdentityProviderConfig config = config("clientAuthMethod", "private_key_jwt");

        assertEquals(List.of(), PlanConfigCheck.problems(config, java.util.Set.of(), ResolverTable.publicOnly()));
        assertTrue(config.isJWTAuthentication(), "Keycloak's broker must sign a client assertion");
        assertEquals("RS384", config.getClientAssertionSigningAlg());
    }
}
