package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;

/** How the extension says no: the assertions every rule of the proxy and links API (README) is checked with. */
final class Refusals {

    private Refusals() {
    }

    /**
     * The extension refused on its own, as the contract asks for a rule it can check locally: {@code status}, a FHIR
     * {@code OperationOutcome} that holds no plan token, and not one request at the plan while it was served.
     */
    static ApiResponse assertRefusedWithoutCallingPlan(ApiResponse response, int status) {
        assertAnsweredWithOperationOutcome(response, status);
        assertEquals(OptionalInt.of(0), response.planRequests(), () -> "the plan was called: " + response);
        return response;
    }

    /** {@code status} with a FHIR {@code OperationOutcome} that holds no plan token, whoever was called. */
    static ApiResponse assertAnsweredWithOperationOutcome(ApiResponse response, int status) {
        assertEquals(status, response.status(), response::toString);
        assertTrue(response.isOperationOutcome(), () -> "not an OperationOutcome: " + response);
        assertFalse(response.body().contains("sbx_"), () -> "a plan token in an error: " + response);
        return response;
    }
}
