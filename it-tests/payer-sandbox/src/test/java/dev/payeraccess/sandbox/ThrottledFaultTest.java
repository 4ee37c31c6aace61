package dev.payeraccess.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import dev.payeraccess.sandbox.control.Area;
import dev.payeraccess.sandbox.control.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/** A plan that throttles or is down for maintenance: 429 or 503 with {@code Retry-After}, then back to normal. */
class ThrottledFaultTest extends SandboxTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void aThrottledFhirReadIs429WithRetryAfterAndAnOperationOutcome() throws Exception {
        String token = client.tokensFor(Track.TEST, TestMembers.MAYTE).get("access_token").asText();
        sandbox.controls().failNext(Area.FHIR, 1, Fault.throttled(Duration.ofSeconds(3)));

        HttpResponse<String> throttled = client.fhirGet("/Coverage", token);
        HttpResponse<String> normal = client.fhirGet("/Coverage", token);

        assertEquals(429, throttled.statusCode());
        assertEquals(Optional.of("3"), throttled.headers().firstValue("Retry-After"));
        assertTrue(throttled.headers().firstValue("Content-Type").orElseThrow().startsWith("application/fhir+json"));
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, throttled.body());
        assertEquals(OperationOutcome.IssueType.THROTTLED, outcome.getIssueFirstRep().getCode());
        assertEquals(200, normal.statusCode());
        assertEquals(Optional.empty(), normal.headers().firstValue("Retry-After"));
        assertEquals(2, sandbox.controls().requestCount(Area.FHIR));
    }

    @Test
    void anyFaultCanSayWhenToComeBack() throws Exception {
        String token = client.tokensFor(Track.TEST, TestMembers.MAYTE).get("access_token").asText();
        sandbox.controls().failNext(Area.FHIR, 1, Fault.status(503).withRetryAfter(Duration.ofMinutes(2)));

        HttpResponse<String> down = client.fhirGet("/Coverage", token);

        assertEquals(503, down.statusCode());
        assertEquals(Optional.of("120"), down.headers().firstValue("Retry-After"));
        FHIR.newJsonParser().parseResource(OperationOutcome.class, down.body());
    }

    @Test
    void faultsWithoutAWaitSendNoRetryAfter() throws Exception {
        String token = client.tokensFor(Track.TEST, TestMembers.MAYTE).get("access_token").asText();
        sandbox.controls().failNext(Area.FHIR, 1, Fault.status(503));

        assertEquals(Optional.empty(), client.fhirGet("/Coverage", token).headers().firstValue("Retry-After"));
    }
}
