package dev.payeraccess.sandbox.fhir.records;

import dev.payeraccess.sandbox.fhir.records.ClaimEvent.ClaimLine;
import dev.payeraccess.sandbox.fhir.records.Terminology.Code;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.ExplanationOfBenefit.AdjudicationComponent;
import org.hl7.fhir.r4.model.ExplanationOfBenefit.ItemComponent;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/** Writes a {@link ClaimEvent} down as a CARIN Blue Button ExplanationOfBenefit. */
final class ClaimAssembler {

    /** The adjudication and total categories, in the order CARIN's examples list them. */
    private static final List<Code> AMOUNT_CATEGORIES = List.of(
        new Code(Terminology.ADJUDICATION, "submitted", "Submitted Amount"),
        new Code(Terminology.ADJUDICATION, "eligible", "Eligible Amount"),
        new Code(Terminology.ADJUDICATION, "deductible", "Deductible"),
        new Code(Terminology.ADJUDICATION, "copay", "CoPay"),
        new Code(Terminology.C4BB_ADJUDICATION, "coinsurance", "Co-insurance"),
        new Code(Terminology.C4BB_ADJUDICATION, "memberliability", "Member liability"),
        new Code(Terminology.ADJUDICATION, "benefit", "Benefit Amount"),
        new Code(Terminology.C4BB_ADJUDICATION, "paidtoprovider", "Paid to provider"));

    private final PlanDirectory directory;

    ClaimAssembler(PlanDirectory directory) {
        this.directory = directory;
    }

    ExplanationOfBenefit assemble(ClaimEvent event, Reference patient, Reference coverage) {
        ExplanationOfBenefit eob = header(event, patient);
        addCareTeam(eob, event);
        addSupportingInfo(eob, event);
        addDiagnoses(eob, event);
        eob.addInsurance().setFocal(true).setCoverage(coverage);
        for (ClaimLine line : event.lines()) {
            eob.addItem(item(event, line));
        }
        if (event.kind().institutional()) {
            eob.addAdjudication(networkStatus());
        }
        addTotals(eob, event.totals());
        eob.getPayment()
            .setType(Terminology.concept(Terminology.PAYMENT_TYPE, "complete", "Complete"))
            .setDateElement(new DateType(event.dates().paid().toString()))
            .setAmount(money(event.totals().paid()));
        return eob;
    }

    private ExplanationOfBenefit header(ClaimEvent event, Reference patient) {
        ExplanationOfBenefit eob = new ExplanationOfBenefit();
        LocalDate created = event.dates().created();
        FirstVersion.stamp(eob, event.id(), created.atTime(14, 0).toInstant(ZoneOffset.UTC), event.kind().profile());
        eob.addIdentifier()
            .setType(Terminology.concept(Terminology.C4BB_IDENTIFIER_TYPE, "uc", "Unique Claim ID"))
            .setSystem(Terminology.CLAIM_NUMBER)
            .setValue(event.claimNumber());
        eob.setStatus(ExplanationOfBenefit.ExplanationOfBenefitStatus.ACTIVE)
            .setType(event.kind().type())
            .setUse(ExplanationOfBenefit.Use.CLAIM)
            .setPatient(patient.copy())
            .setBillablePeriod(new Period()
                .setStartElement(new DateTimeType(event.dates().serviceStart().toString()))
                .setEndElement(new DateTimeType(event.dates().serviceEnd().toString())))
            .setCreatedElement(new DateTimeType(created.toString()))
            .setInsurer(directory.plan())
            .setProvider(billingProvider(event))
            .setOutcome(ExplanationOfBenefit.RemittanceOutcome.COMPLETE);
        event.kind().subType().ifPresent(eob::setSubType);
        eob.getPayee()
            .setType(Terminology.concept(Terminology.PAYEE_TYPE, "provider", "Provider"))
            .setParty(billingProvider(event));
        if (event.kind().institutional()) {
            eob.setFacility(directory.location(event.site().id()));
        }
        return eob;
    }

    private Reference billingProvider(ClaimEvent event) {
        return event.billedByClinician()
            ? directory.practitioner(event.clinician())
            : directory.organization(event.site().id());
    }

    private void addCareTeam(ExplanationOfBenefit eob, ClaimEvent event) {
        String role = switch (event.kind()) {
            case PHARMACY -> "prescribing";
            case PROFESSIONAL -> "rendering";
            default -> "attending";
        };
        ExplanationOfBenefit.CareTeamComponent member = eob.addCareTeam()
            .setSequence(1)
            .setProvider(directory.practitioner(event.clinician()))
            .setRole(Terminology.concept(Terminology.C4BB_CARE_TEAM_ROLE, role, capitalized(role)));
        if (event.kind() == ClaimKind.PROFESSIONAL) {
            member.setQualification(Terminology.concept(event.clinician().specialty()));
        }
    }

    private static void addSupportingInfo(ExplanationOfBenefit eob, ClaimEvent event) {
        supportingInfo(eob, "clmrecvddate", "Claim Received Date")
            .setTiming(new DateType(event.dates().received().toString()));
        switch (event.kind()) {
            case INPATIENT_INSTITUTIONAL -> {
                supportingInfo(eob, "admissionperiod", "Admission Period").setTiming(eob.getBillablePeriod().copy());
                supportingInfo(eob, "typeofbill", "Type of Bill").setCode(Terminology.concept(
                    Terminology.TYPE_OF_BILL, "0111", "Hospital Inpatient, Admit through Discharge"));
                supportingInfo(eob, "discharge-status", "Discharge Status").setCode(Terminology.concept(
                    Terminology.DISCHARGE_STATUS, "01", "Discharged to home or self care"));
            }
            case OUTPATIENT_INSTITUTIONAL -> supportingInfo(eob, "typeofbill", "Type of Bill").setCode(
                Terminology.concept(Terminology.TYPE_OF_BILL, "0131", "Hospital Outpatient, Admit through Discharge"));
            case PHARMACY -> {
                supportingInfo(eob, "dayssupply", "Days Supply")
                    .setValue(new Quantity(event.episode().daysSupply()).setUnit("days"));
                supportingInfo(eob, "refillnum", "Refill Number").setValue(new Quantity(0));
            }
            default -> {
                // Professional claims carry only the received date.
            }
        }
    }

    private static ExplanationOfBenefit.SupportingInformationComponent supportingInfo(
        ExplanationOfBenefit eob, String code, String display) {
        int sequence = eob.getSupportingInfo().size() + 1;
        return eob.addSupportingInfo()
            .setSequence(sequence)
            .setCategory(Terminology.concept(Terminology.C4BB_SUPPORTING_INFO, code, display));
    }

    private static void addDiagnoses(ExplanationOfBenefit eob, ClaimEvent event) {
        List<Code> diagnoses = event.episode().diagnoses();
        boolean institutional = event.kind().institutional();
        for (int i = 0; i < diagnoses.size(); i++) {
            String type = institutional ? (i == 0 ? "principal" : "other") : (i == 0 ? "primary" : "secondary");
            eob.addDiagnosis()
                .setSequence(i + 1)
                .setDiagnosis(Terminology.concept(diagnoses.get(i)))
                .addType(Terminology.concept(Terminology.C4BB_DIAGNOSIS_TYPE, type, capitalized(type)));
        }
    }

    private static ItemComponent item(ClaimEvent event, ClaimLine line) {
        ItemComponent item = new ItemComponent()
            .setSequence(line.sequence())
            .setProductOrService(Terminology.concept(line.service().code()))
            .setQuantity(new Quantity(line.quantity()))
            .setNet(money(line.amounts().submitted()));
        item.addCareTeamSequence(1);
        servicedOn(item, event);
        if (line.service().revenue() != null) {
            item.setRevenue(Terminology.concept(line.service().revenue()));
        }
        if (!event.episode().diagnoses().isEmpty() && !event.kind().institutional()) {
            item.addDiagnosisSequence(1);
        }
        if (event.kind() == ClaimKind.PROFESSIONAL) {
            item.setLocation(Terminology.concept(Terminology.PLACE_OF_SERVICE, "11", "Office"));
        }
        if (!event.kind().institutional()) {
            item.addAdjudication(networkStatus());
        }
        amounts(line.amounts()).forEach(item::addAdjudication);
        return item;
    }

    private static void servicedOn(ItemComponent item, ClaimEvent event) {
        if (event.kind() == ClaimKind.INPATIENT_INSTITUTIONAL) {
            item.setServiced(new Period()
                .setStartElement(new DateTimeType(event.dates().serviceStart().toString()))
                .setEndElement(new DateTimeType(event.dates().serviceEnd().toString())));
            return;
        }
        item.setServiced(new DateType(event.dates().serviceStart().toString()));
    }

    private static List<AdjudicationComponent> amounts(ClaimAmounts amounts) {
        List<BigDecimal> values = values(amounts);
        return IntStream.range(0, AMOUNT_CATEGORIES.size())
            .mapToObj(i -> new AdjudicationComponent()
                .setCategory(Terminology.concept(AMOUNT_CATEGORIES.get(i)))
                .setAmount(money(values.get(i))))
            .toList();
    }

    private static void addTotals(ExplanationOfBenefit eob, ClaimAmounts totals) {
        List<BigDecimal> values = values(totals);
        for (int i = 0; i < AMOUNT_CATEGORIES.size(); i++) {
            eob.addTotal()
                .setCategory(Terminology.concept(AMOUNT_CATEGORIES.get(i)))
                .setAmount(money(values.get(i)));
        }
    }

    /** The amounts in the order of {@link #AMOUNT_CATEGORIES}. */
    private static List<BigDecimal> values(ClaimAmounts amounts) {
        return List.of(amounts.submitted(), amounts.eligible(), amounts.deductible(), amounts.copay(),
            amounts.coinsurance(), amounts.memberLiability(), amounts.paid(), amounts.paid());
    }

    private static AdjudicationComponent networkStatus() {
        return new AdjudicationComponent()
            .setCategory(Terminology.concept(Terminology.C4BB_PAYER_STATUS, "innetwork", "In Network"));
    }

    private static Money money(BigDecimal amount) {
        Money money = new Money();
        money.setValue(amount).setCurrency("USD");
        return money;
    }

    private static String capitalized(String code) {
        return Character.toUpperCase(code.charAt(0)) + code.substring(1);
    }
}
