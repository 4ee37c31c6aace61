package dev.payeraccess.conformance;

import static dev.payeraccess.conformance.Plans.plan;
import static dev.payeraccess.conformance.Plans.smart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.conformance.Finding.Result;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpsCheckTest {

    @Test
    void httpsEverywherePasses() {
        assertEquals(Result.PASS, HttpsCheck.of(plan(), Optional.of(smart(Plans.DISCOVERY))).result());
    }

    @Test
    void aPlanOnThisMachinePassesButIsNamedAsOneForTestsOnly() {
        Finding finding = HttpsCheck.of(plan("fhirBaseUrl", "http://localhost:8090/r4"), Optional.empty());

        assertEquals(Result.PASS, finding.result());
        assertTrue(finding.detail()
            .endsWith("loopback address: fhirBaseUrl. Fine for a test plan, never for a real one."),
            finding.detail());
    }

    @Test
    void aDiscoveredHttpEndpointBeyondThisMachineFails() {
        Finding finding = HttpsCheck.of(plan(), Optional.of(smart("""
            {"authorization_endpoint":"https://auth.plan.example/a",\
            "token_endpoint":"http://auth.plan.example/t"}""")));

        assertEquals(Result.FAIL, finding.result());
        assertTrue(finding.detail().contains("discovered token_endpoint 'http://auth.plan.example/t' uses http://"),
            finding.detail());
    }
}
