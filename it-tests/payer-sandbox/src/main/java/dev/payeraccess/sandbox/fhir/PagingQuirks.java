package dev.payeraccess.sandbox.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import dev.payeraccess.sandbox.control.SandboxControls;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The paging quirks of real plans, as {@link SandboxControls} switches them: paging links on a second host
 * ({@link SandboxControls#nextLinksOnSecondHost}) and paging by an offset parameter of the plan's own naming,
 * without paging links ({@link SandboxControls#offsetPaging}).
 */
@Interceptor
final class PagingQuirks {

    private static final Set<String> PAGING_RELATIONS = Set.of(Bundle.LINK_NEXT, Bundle.LINK_PREV, "prev", "first",
        "last");

    private final SandboxControls controls;
    private final FhirHosts hosts;

    PagingQuirks(SandboxControls controls, FhirHosts hosts) {
        this.controls = controls;
        this.hosts = hosts;
    }

    /** Before HAPI picks the search method: the plan's offset parameter becomes HAPI's {@code _offset}. */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED)
    public void offsetByThePlansParameter(RequestDetails request) {
        Optional<String> parameter = controls.offsetPagingParameter();
        if (parameter.isEmpty() || parameter.get().equals(Constants.PARAM_OFFSET)) {
            return;
        }
        request.removeParameter(Constants.PARAM_OFFSET); // not this plan's parameter
        String[] offset = request.getParameters().get(parameter.get());
        if (offset != null) {
            request.removeParameter(parameter.get());
            request.addParameter(Constants.PARAM_OFFSET, offset);
        }
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public void pagingLinks(RequestDetails request, ResponseDetails response) {
        if (!(response.getResponseResource() instanceof Bundle bundle)) {
            return;
        }
        Optional<String> parameter = controls.offsetPagingParameter();
        if (parameter.isPresent()) {
            bundle.getLink().removeIf(link -> PAGING_RELATIONS.contains(link.getRelation()));
            bundle.getLink().stream().filter(link -> Bundle.LINK_SELF.equals(link.getRelation()))
                .forEach(self -> self.setUrl(self.getUrl().replaceAll("([?&])" + Constants.PARAM_OFFSET + "=",
                    "$1" + parameter.get() + "=")));
            return;
        }
        Optional<String> secondBase = hosts.secondBase();
        if (controls.nextLinksOnSecondHost() && secondBase.isPresent()) {
            String base = request.getFhirServerBase();
            bundle.getLink().stream()
                .filter(link -> PAGING_RELATIONS.contains(link.getRelation()) && link.getUrl().startsWith(base))
                .forEach(link -> link.setUrl(secondBase.get() + link.getUrl().substring(base.length())));
        }
    }
}
