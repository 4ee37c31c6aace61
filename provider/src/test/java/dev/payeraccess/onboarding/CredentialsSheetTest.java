package dev.payeraccess.onboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An administrator's sheet of plans' credentials, read from JSON or CSV; refused whole, never quoting a secret. */
class CredentialsSheetTest {

    @Test
    void jsonGivesEachPlanItsCredentialsOrEndpointsToConfirm() {
        List<PlanCredentials> sheet = CredentialsSheet.fromJson("""
            {"plans": [
              {"alias": "acme", "clientId": "kc-acme", "clientSecret": "${vault.acme_secret}"},
              {"alias": "bay", "clientId": "kc-bay", "clientAuthMethod": "private_key_jwt",
               "clientAssertionSigningAlg": "RS384"},
              {"alias": "cove", "confirmEndpoints": {"authorizationUrl": "https://auth.cove.example/a",
               "tokenUrl": " https://auth.cove.example/t "}}
            ]}""");

        assertEquals(new PlanCredentials("acme", Optional.of("kc-acme"), Optional.of("${vault.acme_secret}"),
            Optional.empty(), Optional.empty(), Map.of()), sheet.get(0));
        assertEquals(Optional.of("private_key_jwt"), sheet.get(1).clientAuthMethod());
        assertFalse(sheet.get(2).givesCredentials());
        assertEquals("https://auth.cove.example/a", sheet.get(2).confirmEndpoints().get("authorizationUrl"));
    }

    @Test
    void csvWithAHeaderLineReadsTheSameAndQuotesMayHoldCommas() {
        List<PlanCredentials> sheet = CredentialsSheet.fromCsv("alias,clientId,clientSecret\r\n"
            + "acme,kc-acme,\"s3cr,et\"\"x\"\r\n\r\nbay,kc-bay,\n");

        assertEquals(2, sheet.size());
        assertEquals(Optional.of("s3cr,et\"x"), sheet.get(0).clientSecret());
        assertEquals(Optional.empty(), sheet.get(1).clientSecret(), "an empty cell keeps the saved secret");
    }

    @Test
    void aSheetThatCannotBeReadIsRefusedWithoutRepeatingASecret() {
        String secret = "never-echo-this";
        List<String> refusals = List.of(
            refusal(() -> CredentialsSheet.fromJson("{\"plans\": [{\"alias\": \"a\", \"client_secret\": \"" + secret
                + "\"}]}")),
            refusal(() -> CredentialsSheet.fromJson("{\"plans\": [{\"clientSecret\": \"" + secret + "\"}]}")),
            refusal(() -> CredentialsSheet.fromJson("{\"plans\": [{\"alias\": \"a\", \"clientSecret\": \"" + secret)),
            refusal(() -> CredentialsSheet.fromCsv("alias,clientId,clientSecret\na,b," + secret + ",extra\n")),
            refusal(() -> CredentialsSheet.fromCsv("alias,secret\na," + secret + "\n")),
            refusal(() -> CredentialsSheet.fromJson("[{\"alias\": \"a\"}, {\"alias\": \"a\"}]")));

        assertTrue(refusals.get(0).contains("'client_secret', which is none of alias, clientId, clientSecret"),
            refusals.get(0));
        assertTrue(refusals.get(1).contains("entry 1 has no alias"), refusals.get(1));
        assertTrue(refusals.get(2).startsWith("The body is not JSON"), refusals.get(2));
        assertTrue(refusals.get(3).contains("Line 2 of the CSV has 4 values, the header 3"), refusals.get(3));
        assertTrue(refusals.get(4).contains("column 'secret'"), refusals.get(4));
        assertTrue(refusals.get(5).contains("Plan a is named twice"), refusals.get(5));
        refusals.forEach(message -> assertFalse(message.contains(secret), message));
    }

    @Test
    void aSheetTakesAtMostTwoHundredPlans() {
        StringBuilder csv = new StringBuilder("alias,clientId\n");
        for (int i = 0; i <= CredentialsSheet.MAX_PLANS; i++) {
            csv.append("plan-").append(i).append(",kc\n");
        }
        assertTrue(refusal(() -> CredentialsSheet.fromCsv(csv.toString())).contains("at most 200"));
    }

    @Test
    void theCredentialsNeverPrintTheirSecret() {
        PlanCredentials line = new PlanCredentials("acme", Optional.of("kc"), Optional.of("s3cret"), Optional.empty(),
            Optional.empty(), Map.of());
        assertFalse(line.toString().contains("s3cret"), line.toString());
    }

    private static String refusal(Runnable read) {
        return assertThrows(IllegalArgumentException.class, read::run).getMessage();
    }
}
