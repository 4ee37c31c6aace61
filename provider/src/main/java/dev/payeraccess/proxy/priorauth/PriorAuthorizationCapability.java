package dev.payeraccess.proxy.priorauth;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.Enumerations;

/**
 * What the proxy's CapabilityStatement says of prior authorizations at one plan: on ExplanationOfBenefit, the PDex
 * prior-authorization profile among the supported profiles, and the {@code use} search parameter the proxy answers,
 * its documentation saying how ({@link PriorAuthorizationSearch.Mechanism}) and what that means for paging.
 */
public final class PriorAuthorizationCapability {

    private PriorAuthorizationCapability() {
    }

    /** Adds the declaration to {@code statement}'s ExplanationOfBenefit, when it offers that type at all. */
    public static void declare(CapabilityStatement statement, PriorAuthorizationSearch.Mechanism mechanism) {
        statement.getRest().stream().flatMap(rest -> rest.getResource().stream())
            .filter(resource -> "ExplanationOfBenefit".equals(resource.getType()))
            .forEach(resource -> declare(resource, mechanism));
    }

    private static void declare(CapabilityStatementRestResourceComponent resource,
                                PriorAuthorizationSearch.Mechanism mechanism) {
        resource.addSupportedProfile(PriorAuthorizationSearch.PROFILE);
        resource.getSearchParam().removeIf(p -> PriorAuthorizationSearch.USE.equals(p.getName()));
        resource.addSearchParam().setName(PriorAuthorizationSearch.USE)
            .setType(Enumerations.SearchParamType.TOKEN)
            .setDocumentation(documentation(mechanism));
    }

    static String documentation(PriorAuthorizationSearch.Mechanism mechanism) {
        String what = "ExplanationOfBenefit.use (claim | preauthorization | predetermination), answered by this proxy: "
            + "use=preauthorization finds the member's prior authorizations (Da Vinci PDex). ";
        if (mechanism == PriorAuthorizationSearch.Mechanism.PROFILE) {
            return what + "Mechanism: profile. The plan declares the PDex prior authorization profile, so "
                + "use=preauthorization is forwarded as _profile=" + PriorAuthorizationSearch.PROFILE
                + "; the answer is still held to the asked use.";
        }
        return what + "Mechanism: filter. The plan does not declare the PDex prior authorization profile, so the "
            + "proxy asks it for the member's claims and passes on only those whose use is asked: a page may hold "
            + "fewer entries than _count (even none) while a next link follows, and Bundle.total is left out.";
    }
}
