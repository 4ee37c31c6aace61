package dev.payeraccess.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class R4Test {

    @Test
    void onlyRealR4ResourceTypesAreKeptOnceInTheirOrder() {
        assertEquals(List.of("Coverage", "Patient"),
            R4.resourceTypesAmong(List.of("Coverage", "Tz1", "Patient", "coverage", "Coverage", "")));
    }
}
