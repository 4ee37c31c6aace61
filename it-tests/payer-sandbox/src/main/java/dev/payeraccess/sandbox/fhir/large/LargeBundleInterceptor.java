package dev.payeraccess.sandbox.fhir.large;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import dev.payeraccess.sandbox.control.SandboxControls;
import dev.payeraccess.sandbox.fhir.access.CallerGrant;
import dev.payeraccess.sandbox.fhir.records.SandboxRecords;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;

/**
 * While {@link SandboxControls#largeBundleBytes()} is on, answers every authorized ExplanationOfBenefit
 * search with a {@link LargeBundleStream} instead of the regular page, to test how clients cope with
 * plans that return huge bundles.
 */
@Interceptor
public final class LargeBundleInterceptor {

    private static final String CLAIM_TYPE = "ExplanationOfBenefit";

    private final FhirContext fhir;
    private final SandboxRecords records;
    private final SandboxControls controls;

    public LargeBundleInterceptor(FhirContext fhir, SandboxRecords records, SandboxControls controls) {
        this.fhir = fhir;
        this.records = records;
        this.controls = controls;
    }

    /** Runs after authorization and handler selection; returning {@code false} ends HAPI's processing. */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean serveLargeBundle(RequestDetails request, HttpServletResponse response) {
        long bytes = controls.largeBundleBytes();
        if (bytes <= 0 || !isClaimSearch(request)) {
            return true;
        }
        List<ExplanationOfBenefit> claims = records.visibleTo(CallerGrant.of(request)).ofType(CLAIM_TYPE).stream()
            .map(claim -> (ExplanationOfBenefit) claim.copy())
            .toList();
        if (claims.isEmpty()) {
            return true;
        }
        String base = request.getFhirServerBase();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(Constants.CT_FHIR_JSON_NEW + Constants.CHARSET_UTF8_CTSUFFIX);
        try {
            new LargeBundleStream(fhir, claims, base)
                .write(response.getOutputStream(), bytes, RestfulServerUtils.createLinkSelf(base, request));
        } catch (IOException clientGone) {
            // The client stopped reading (a benchmark timing out, say); there is nobody left to answer.
        }
        return false;
    }

    private static boolean isClaimSearch(RequestDetails request) {
        return request.getRestOperationType() == RestOperationTypeEnum.SEARCH_TYPE
            && CLAIM_TYPE.equals(request.getResourceName());
    }
}
