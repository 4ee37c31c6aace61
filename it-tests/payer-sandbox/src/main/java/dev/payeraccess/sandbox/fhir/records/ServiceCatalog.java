package dev.payeraccess.sandbox.fhir.records;

import dev.payeraccess.sandbox.fhir.records.Terminology.Code;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What members get billed for, per kind of claim: a small, clinically coherent catalog of episodes with
 * ICD-10-CM diagnoses, CPT/HCPCS procedures, UB-04 revenue codes and NDC drugs.
 */
final class ServiceCatalog {

    private static final int ANY_AGE = 120;
    private static final Code ADULT_EXAM = new Code(Terminology.ICD10CM, "Z00.00",
        "Encounter for general adult medical examination without abnormal findings");

    private static final Map<ClaimKind, List<Episode>> EPISODES = Map.of(
        ClaimKind.INPATIENT_INSTITUTIONAL, List.of(
            episode(List.of(icd("J18.9", "Pneumonia, unspecified organism"), icd("R09.02", "Hypoxemia")),
                roomAndBoard(),
                hospital("0250", "Pharmacy - General", hcpcs("J0696", "Injection, ceftriaxone sodium, per 250 mg"),
                    "86.00", 4),
                hospital("0300", "Laboratory - General", cpt("85025", "Complete blood count with differential"),
                    "62.00", 2),
                hospital("0324", "Radiology - Chest X-Ray", cpt("71046", "Radiologic examination, chest; 2 views"),
                    "310.00", 1)),
            episode(List.of(icd("K35.80", "Unspecified acute appendicitis")),
                roomAndBoard(),
                hospital("0360", "Operating Room Services", cpt("44970", "Laparoscopy, surgical, appendectomy"),
                    "9800.00", 1),
                hospital("0370", "Anesthesia",
                    cpt("00840", "Anesthesia for intraperitoneal procedures in lower abdomen"), "2100.00", 1),
                hospital("0250", "Pharmacy - General", hcpcs("J2405", "Injection, ondansetron hydrochloride, per 1 mg"),
                    "24.00", 4))),
        ClaimKind.OUTPATIENT_INSTITUTIONAL, List.of(
            episode(List.of(icd("R07.9", "Chest pain, unspecified")),
                hospital("0450", "Emergency Room",
                    cpt("99284", "Emergency department visit, moderate medical decision making"), "1450.00", 1),
                hospital("0730", "EKG/ECG", cpt("93005", "Electrocardiogram, tracing only"), "240.00", 1),
                hospital("0300", "Laboratory - General", cpt("84484", "Troponin, quantitative"), "115.00", 1)),
            episode(List.of(icd("S93.401A", "Sprain of unspecified ligament of right ankle, initial encounter")),
                hospital("0450", "Emergency Room",
                    cpt("99283", "Emergency department visit, low medical decision making"), "890.00", 1),
                hospital("0320", "Radiology - Diagnostic", cpt("73610", "Radiologic examination, ankle; complete"),
                    "275.00", 1),
                hospital("0274", "Prosthetic/Orthotic Devices", hcpcs("L4361", "Walking boot, pneumatic and/or vacuum"),
                    "180.00", 1)),
            episode(List.of(icd("M54.50", "Low back pain, unspecified")),
                hospital("0610", "MRI - Diagnostic", cpt("72148", "MRI lumbar spine without contrast material"),
                    "1900.00", 1))),
        ClaimKind.PROFESSIONAL, List.of(
            adult(List.of(icd("I10", "Essential (primary) hypertension")),
                office(cpt("99214", "Office or other outpatient visit, established patient, moderate MDM"), "210.00"),
                office(cpt("93000", "Electrocardiogram, routine, with interpretation and report"), "85.00")),
            adult(List.of(icd("E11.9", "Type 2 diabetes mellitus without complications")),
                office(cpt("99213", "Office or other outpatient visit, established patient, low MDM"), "150.00"),
                office(cpt("83036", "Hemoglobin; glycosylated (A1C)"), "45.00"),
                office(cpt("36415", "Collection of venous blood by venipuncture"), "12.00")),
            episode(List.of(icd("J06.9", "Acute upper respiratory infection, unspecified")),
                office(cpt("99213", "Office or other outpatient visit, established patient, low MDM"), "150.00"),
                office(cpt("87880", "Infectious agent antigen detection, Streptococcus, group A"), "38.00")),
            episode(List.of(icd("J45.909", "Unspecified asthma, uncomplicated")),
                office(cpt("99213", "Office or other outpatient visit, established patient, low MDM"), "150.00"),
                office(cpt("94010", "Spirometry"), "95.00")),
            episode(List.of(icd("M25.561", "Pain in right knee")),
                office(cpt("99203", "Office or other outpatient visit, new patient, low MDM"), "230.00"),
                office(cpt("20610", "Arthrocentesis, aspiration and/or injection, major joint"), "160.00"),
                office(hcpcs("J3301", "Injection, triamcinolone acetonide, not otherwise specified, 10 mg"), "9.00")),
            new Episode(List.of(ADULT_EXAM),
                List.of(office(cpt("99396", "Periodic comprehensive preventive medicine, established, 40-64 years"),
                    "280.00"),
                    office(cpt("90686", "Influenza virus vaccine, quadrivalent, preservative free, intramuscular"),
                        "32.00"),
                    office(cpt("90471", "Immunization administration, one vaccine"), "28.00")), 40, 64, 0),
            new Episode(List.of(ADULT_EXAM),
                List.of(office(hcpcs("G0439", "Annual wellness visit, includes a personalized prevention plan"),
                    "175.00")), 65, ANY_AGE, 0)),
        ClaimKind.PHARMACY, List.of(
            drug("00093505698", "Atorvastatin Calcium 20 MG Oral Tablet", "42.00", 30, 30, 18),
            drug("00378018101", "Metformin Hydrochloride 500 MG Oral Tablet", "21.00", 60, 30, 18),
            drug("68180051301", "Lisinopril 10 MG Oral Tablet", "17.50", 30, 30, 18),
            drug("00173068220", "Albuterol 90 MCG/ACTUAT Metered Dose Inhaler", "68.00", 1, 25, 4),
            drug("65862001705", "Amoxicillin 500 MG Oral Capsule", "15.75", 21, 7, 0),
            drug("16714061203", "Sertraline 50 MG Oral Tablet", "24.00", 30, 30, 12),
            drug("00378180001", "Levothyroxine Sodium 0.05 MG Oral Tablet", "38.00", 90, 90, 18),
            drug("45802091987", "Cetirizine Hydrochloride 10 MG Oral Tablet", "11.50", 30, 30, 2)));

    private ServiceCatalog() {
    }

    /** The episodes of {@code kind} that suit a member of {@code age}. */
    static List<Episode> episodes(ClaimKind kind, int age) {
        return EPISODES.get(kind).stream().filter(e -> e.suits(age)).toList();
    }

    private static Episode episode(List<Code> diagnoses, Service... services) {
        return new Episode(diagnoses, List.of(services), 0, ANY_AGE, 0);
    }

    private static Episode adult(List<Code> diagnoses, Service... services) {
        return new Episode(diagnoses, List.of(services), 18, ANY_AGE, 0);
    }

    private static Episode drug(String ndc, String display, String charge, int quantity, int daysSupply, int minAge) {
        Code drug = new Code(Terminology.NDC, ndc, display);
        Service fill = new Service(drug, null, new BigDecimal(charge), quantity, false);
        return new Episode(List.of(), List.of(fill), minAge, ANY_AGE, daysSupply);
    }

    private static Service roomAndBoard() {
        // Room and board has no procedure code; CARIN allows the data-absent code there.
        Code notApplicable = new Code("http://terminology.hl7.org/CodeSystem/data-absent-reason", "not-applicable",
            "Not Applicable");
        return new Service(notApplicable, revenue("0120", "Room & Board - Semi-Private"), new BigDecimal("2850.00"), 1,
            true);
    }

    private static Service hospital(String revenueCode, String revenueDisplay, Code procedure, String charge,
                                    int quantity) {
        return new Service(procedure, revenue(revenueCode, revenueDisplay), new BigDecimal(charge), quantity, false);
    }

    private static Service office(Code procedure, String charge) {
        return new Service(procedure, null, new BigDecimal(charge), 1, false);
    }

    private static Code revenue(String code, String display) {
        return new Code(Terminology.REVENUE, code, display);
    }

    private static Code icd(String code, String display) {
        return new Code(Terminology.ICD10CM, code, display);
    }

    private static Code cpt(String code, String display) {
        return new Code(Terminology.CPT, code, display);
    }

    private static Code hcpcs(String code, String display) {
        return new Code(Terminology.HCPCS, code, display);
    }
}
