package dev.payeraccess.sandbox.fhir.records;

import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;

/** The four kinds of CARIN Blue Button claims a Patient Access API serves. */
enum ClaimKind {
    INPATIENT_INSTITUTIONAL("C4BB-ExplanationOfBenefit-Inpatient-Institutional", "institutional", "Institutional",
        "inpatient", "Inpatient"),
    OUTPATIENT_INSTITUTIONAL("C4BB-ExplanationOfBenefit-Outpatient-Institutional", "institutional", "Institutional",
        "outpatient", "Outpatient"),
    PROFESSIONAL("C4BB-ExplanationOfBenefit-Professional-NonClinician", "professional", "Professional", null, null),
    PHARMACY("C4BB-ExplanationOfBenefit-Pharmacy", "pharmacy", "Pharmacy", null, null);

    private final String profile;
    private final String typeCode;
    private final String typeDisplay;
    private final String subTypeCode;
    private final String subTypeDisplay;

    ClaimKind(String profile, String typeCode, String typeDisplay, String subTypeCode, String subTypeDisplay) {
        this.profile = Terminology.CARIN + "StructureDefinition/" + profile;
        this.typeCode = typeCode;
        this.typeDisplay = typeDisplay;
        this.subTypeCode = subTypeCode;
        this.subTypeDisplay = subTypeDisplay;
    }

    String profile() {
        return profile;
    }

    CodeableConcept type() {
        return Terminology.concept(Terminology.CLAIM_TYPE, typeCode, typeDisplay);
    }

    Optional<CodeableConcept> subType() {
        return Optional.ofNullable(subTypeCode)
            .map(code -> Terminology.concept(Terminology.INSTITUTIONAL_SUBTYPE, code, subTypeDisplay));
    }

    boolean institutional() {
        return this == INPATIENT_INSTITUTIONAL || this == OUTPATIENT_INSTITUTIONAL;
    }
}
