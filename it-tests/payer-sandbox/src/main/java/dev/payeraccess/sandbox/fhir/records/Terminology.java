package dev.payeraccess.sandbox.fhir.records;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/** The code systems and profiles the synthetic records use, named once so the generators read like the IGs. */
final class Terminology {

    static final String CARIN = "http://hl7.org/fhir/us/carin-bb/";
    static final String C4BB_PATIENT = CARIN + "StructureDefinition/C4BB-Patient";
    static final String C4BB_COVERAGE = CARIN + "StructureDefinition/C4BB-Coverage";
    static final String C4BB_ORGANIZATION = CARIN + "StructureDefinition/C4BB-Organization";
    static final String C4BB_PRACTITIONER = CARIN + "StructureDefinition/C4BB-Practitioner";
    static final String US_CORE = "http://hl7.org/fhir/us/core/StructureDefinition/";

    static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";
    static final String NPI = "http://hl7.org/fhir/sid/us-npi";
    static final String TIN = "urn:oid:2.16.840.1.113883.4.4";
    static final String MEMBER_ID = "https://demo-health-plan.1up.example/fhir/member-id";
    static final String CLAIM_NUMBER = "https://demo-health-plan.1up.example/fhir/claim-number";

    static final String CLAIM_TYPE = "http://terminology.hl7.org/CodeSystem/claim-type";
    static final String INSTITUTIONAL_SUBTYPE = CARIN + "CodeSystem/C4BBInstitutionalClaimSubType";
    static final String C4BB_IDENTIFIER_TYPE = CARIN + "CodeSystem/C4BBIdentifierType";
    static final String C4BB_SUPPORTING_INFO = CARIN + "CodeSystem/C4BBSupportingInfoType";
    static final String C4BB_CARE_TEAM_ROLE = CARIN + "CodeSystem/C4BBClaimCareTeamRole";
    static final String C4BB_DIAGNOSIS_TYPE = CARIN + "CodeSystem/C4BBClaimDiagnosisType";
    static final String C4BB_ADJUDICATION = CARIN + "CodeSystem/C4BBAdjudication";
    static final String C4BB_PAYER_STATUS = CARIN + "CodeSystem/C4BBPayerAdjudicationStatus";
    static final String ADJUDICATION = "http://terminology.hl7.org/CodeSystem/adjudication";
    static final String PAYEE_TYPE = "http://terminology.hl7.org/CodeSystem/payeetype";
    static final String PAYMENT_TYPE = "http://terminology.hl7.org/CodeSystem/ex-paymenttype";
    static final String TYPE_OF_BILL = "https://www.nubc.org/CodeSystem/TypeOfBill";
    static final String DISCHARGE_STATUS = "https://www.nubc.org/CodeSystem/PatDischargeStatus";
    static final String REVENUE = "https://www.nubc.org/CodeSystem/RevenueCodes";
    static final String PLACE_OF_SERVICE =
        "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set";

    static final String CPT = "http://www.ama-assn.org/go/cpt";
    static final String HCPCS = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
    static final String NDC = "http://hl7.org/fhir/sid/ndc";
    static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String SNOMED = "http://snomed.info/sct";
    static final String LOINC = "http://loinc.org";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String NUCC_TAXONOMY = "http://nucc.org/provider-taxonomy";

    static final String ORGANIZATION_TYPE = "http://terminology.hl7.org/CodeSystem/organization-type";
    static final String COVERAGE_CLASS = "http://terminology.hl7.org/CodeSystem/coverage-class";
    static final String SUBSCRIBER_RELATIONSHIP = "http://terminology.hl7.org/CodeSystem/subscriber-relationship";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
    static final String ALLERGY_VERIFICATION =
        "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";

    private Terminology() {
    }

    static Coding coding(String system, String code, String display) {
        return new Coding(system, code, display);
    }

    static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept(coding(system, code, display));
    }

    static CodeableConcept concept(Code code) {
        return concept(code.system(), code.code(), code.display());
    }

    /** One code of a code system, as the catalogs list them. */
    record Code(String system, String code, String display) {
    }
}
