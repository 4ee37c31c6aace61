package dev.payeraccess.sandbox.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.payeraccess.sandbox.fhir.rest.PageWindow;
import org.junit.jupiter.api.Test;

class PageWindowTest {

    @Test
    void defaultsToTenAndCapsAtOneHundred() {
        assertEquals(new PageWindow(0, 10), PageWindow.of(null, null));
        assertEquals(new PageWindow(20, 100), PageWindow.of(20, 500));
    }

    @Test
    void neverPagesBackwardsOrByNothing() {
        assertEquals(new PageWindow(0, 1), PageWindow.of(-5, 0));
    }
}
