package dev.payeraccess.sandbox.fhir.records;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.ExplanationOfBenefit.ItemComponent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * A member's prior authorizations as Da Vinci PDex shapes them for a Patient Access API (from 2027 under
 * CMS-0057-F): ExplanationOfBenefit with {@code use = preauthorization} and the PDex prior-authorization profile,
 * one approved (in force for the authorized period), one pending review, one partly approved, each item carrying the
 * plan's review action. Served after the member's claims, so a plan that is asked for "the member's claims" without
 * saying which kind answers both, as real plans do.
 */
final class SyntheticPriorAuthorizations {

    static final String PROFILE = "http://hl7.org/fhir/us/davinci-pdex/StructureDefinition/pdex-priorauthorization";
    static final String REVIEW_ACTION = "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-reviewAction";
    static final String REVIEW_ACTION_CODE =
        "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-reviewActionCode";
    /** X12 306 Action Code, as PAS and PDex carry the plan's decision per item. */
    static final String X12_306 = "https://codesystem.x12.org/005010/306";
    static final String PRIOR_AUTH_NUMBER = "https://demo-health-plan.1up.example/fhir/prior-authorization-number";

    /** What one request for authorization asked for, and how the plan decided it. */
    private record Request(String code, String display, String system, int units, BigDecimal charge, String action,
                           String actionDisplay, ExplanationOfBenefit.RemittanceOutcome outcome, String claimType) {
    }

    private static final List<Request> REQUESTS = List.of(
        new Request("72148", "MRI lumbar spine without contrast", Terminology.CPT, 1, new BigDecimal("1850.00"),
            "A1", "Certified in total", ExplanationOfBenefit.RemittanceOutcome.COMPLETE, "professional"),
        new Request("97110", "Therapeutic exercises, each 15 minutes", Terminology.CPT, 24,
            new BigDecimal("2160.00"), "A4", "Pended", ExplanationOfBenefit.RemittanceOutcome.QUEUED, "professional"),
        new Request("29881", "Arthroscopy, knee, with meniscectomy", Terminology.CPT, 1, new BigDecimal("9400.00"),
            "A6", "Modified", ExplanationOfBenefit.RemittanceOutcome.PARTIAL, "institutional"));

    private final PlanDirectory directory;

    SyntheticPriorAuthorizations(PlanDirectory directory) {
        this.directory = directory;
    }

    /** Newest first: requested over the last months of the sandbox's claim history. */
    List<ExplanationOfBenefit> forMember(Reference patient, MemberSeed seed, Coverage coverage) {
        List<ExplanationOfBenefit> authorizations = new ArrayList<>();
        LocalDate requested = LocalDate.of(2024, 12, 2);
        for (int i = 0; i < REQUESTS.size(); i++) {
            requested = requested.minusDays(seed.between(12, 40));
            authorizations.add(authorization(i + 1, REQUESTS.get(i), requested, patient, seed, coverage));
        }
        return authorizations;
    }

    private ExplanationOfBenefit authorization(int ordinal, Request request, LocalDate requested, Reference patient,
                                               MemberSeed seed, Coverage coverage) {
        ExplanationOfBenefit eob = FirstVersion.stamp(new ExplanationOfBenefit(),
            seed.id("PriorAuthorization", ordinal), requested.plusDays(2).atTime(9, 30).toInstant(ZoneOffset.UTC),
            PROFILE);
        eob.addExtension("http://hl7.org/fhir/us/davinci-pdex/StructureDefinition/extension-levelOfServiceCode",
            Terminology.concept("https://codesystem.x12.org/005010/1338", "U", "Urgent"));
        eob.addIdentifier().setSystem(PRIOR_AUTH_NUMBER).setValue("PA" + requested.getYear() + seed.digits(8));
        LocalDate start = requested.plusDays(7);
        eob.setStatus(ExplanationOfBenefit.ExplanationOfBenefitStatus.ACTIVE)
            .setType(Terminology.concept(Terminology.CLAIM_TYPE, request.claimType(),
                request.claimType().equals("professional") ? "Professional" : "Institutional"))
            .setUse(ExplanationOfBenefit.Use.PREAUTHORIZATION)
            .setPatient(patient.copy())
            .setBillablePeriod(period(start, start.plusDays(89)))
            .setCreatedElement(new DateTimeType(requested.toString()))
            .setInsurer(directory.plan())
            .setProvider(directory.plan())
            .setOutcome(request.outcome())
            .setPriority(Terminology.concept("http://terminology.hl7.org/CodeSystem/processpriority", "normal",
                "Normal"));
        if (request.outcome() != ExplanationOfBenefit.RemittanceOutcome.QUEUED) {
            eob.addPreAuthRefPeriod(period(start, start.plusDays(89)));
            eob.addPreAuthRef(eob.getIdentifierFirstRep().getValue());
        }
        eob.addInsurance().setFocal(true)
            .setCoverage(new Reference("Coverage/" + coverage.getIdElement().getIdPart()));
        eob.addItem(item(request, start));
        eob.addTotal().setCategory(Terminology.concept(Terminology.ADJUDICATION, "submitted", "Submitted Amount"))
            .setAmount(money(request.charge()));
        return eob;
    }

    private static ItemComponent item(Request request, LocalDate start) {
        ItemComponent item = new ItemComponent().setSequence(1)
            .setProductOrService(Terminology.concept(request.system(), request.code(), request.display()))
            .setServiced(period(start, start.plusDays(89)))
            .setQuantity(new Quantity(request.units()));
        Extension review = item.addExtension().setUrl(REVIEW_ACTION);
        review.addExtension("number", new StringType("RA" + request.code()));
        review.addExtension(REVIEW_ACTION_CODE, Terminology.concept(X12_306, request.action(),
            request.actionDisplay()));
        item.addAdjudication().setCategory(Terminology.concept(Terminology.ADJUDICATION, "submitted",
            "Submitted Amount")).setAmount(money(request.charge()));
        if (request.outcome() != ExplanationOfBenefit.RemittanceOutcome.QUEUED) {
            BigDecimal allowed = request.outcome() == ExplanationOfBenefit.RemittanceOutcome.PARTIAL
                ? request.charge().multiply(new BigDecimal("0.60")).setScale(2, RoundingMode.HALF_UP)
                : request.charge();
            item.addAdjudication().setCategory(Terminology.concept(Terminology.ADJUDICATION, "eligible",
                "Eligible Amount")).setAmount(money(allowed));
        }
        return item;
    }

    private static Period period(LocalDate start, LocalDate end) {
        return new Period().setStartElement(new DateTimeType(start.toString()))
            .setEndElement(new DateTimeType(end.toString()));
    }

    private static Money money(BigDecimal amount) {
        return new Money().setValue(amount).setCurrency("USD");
    }
}
