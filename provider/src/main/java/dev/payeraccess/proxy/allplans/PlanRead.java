package dev.payeraccess.proxy.allplans;

import dev.payeraccess.fhir.FhirProblemException;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One plan's read, every check passed, that may run off the request thread: writes the plan's answer, rewritten as a
 * single-plan search's, to {@code out} and returns the plan's status (see {@code PreparedRead}).
 */
interface PlanRead {
    int readInto(OutputStream out) throws FhirProblemException, IOException;
}
