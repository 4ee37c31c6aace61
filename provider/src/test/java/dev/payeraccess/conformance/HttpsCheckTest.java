package dev.payeraccess.conformance;

import static dev.payeraccess.conformance.Plans.plan;
import static dev.payeraccess.conformance.Plans.smart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.conformance.Finding.Result;
import dev.payeraccess.plan.OutboundTargets;
import dev.payeraccess.plan.ResolverTable;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpsCheckTest {

    @Test
    void httpsEverywherePasses() {
        assertEquals(Result.PASS, HttpsCheck.of(plan(), Optional.of(smart(Plans.DISCOVERY)),
            ResolverTable.publicOnly()).result());
    }

    @Test
    void aPlanOnThisMachinePassesOnANodeWithTheDevelopmentSwitchButIsNamedAsOneForTestsOnly() {
        Finding finding = HttpsCheck.of(plan("fhirBaseUrl", "http://localhost:8090/r4"), Optional.empty(),
            ResolverTable.development());

        assertEquals(Result.PASS, finding.result());
        assertTrue(finding.detail().endsWith(OutboundTargets.DEVELOPMENT_SWITCH
            + ": fhirBaseUrl. Fine for a test plan, never for a real one."), finding.detail());
    }

    @Test
    void aPlanOnThisMachineFailsOnANodeWithoutTheDevelopmentSwitch() {
        Finding finding = HttpsCheck.of(plan("fhirBaseUrl", "http://localhost:8090/r4"), Optional.empty(),
            ResolverTable.publicOnly());

        assertEquals(Result.FAIL, finding.result());
        assertTrue(finding.detail().startsWith("fhirBaseUrl 'http://localhost:8090/r4' is a private or loopback "
            + "address"), finding.detail());
    }

    @Test
    void aDiscoveredHttpEndpointBeyondThisMachineFails() {
        Finding finding = HttpsCheck.of(plan(), Optional.of(smart("""
            {"authorization_endpoint":"https://auth.plan.example/a",\
            "token_endpoint":"http://auth.plan.example/t"}""")), ResolverTable.publicOnly());

        assertEquals(Result.FAIL, finding.result());
        assertTrue(finding.detail().contains("discovered token_endpoint 'http://auth.plan.example/t' uses http://"),
            finding.detail());
    }
}
