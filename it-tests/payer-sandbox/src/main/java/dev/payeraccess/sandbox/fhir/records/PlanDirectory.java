package dev.payeraccess.sandbox.fhir.records;

import dev.payeraccess.sandbox.TestMember;
import dev.payeraccess.sandbox.fhir.records.CareSite.Kind;
import dev.payeraccess.sandbox.fhir.records.Terminology.Code;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The plan's public directory: the health plan itself, the network's organizations and locations, and
 * its practitioners. Every member may see all of it, as provider directories are public data.
 */
public final class PlanDirectory {

    static final String PLAN_ID = "demo-health-plan";
    static final String PLAN_NAME = "1up Demo Health Plan";
    /** When the directory was last refreshed; fixed so directory reads are repeatable. */
    private static final Instant PUBLISHED = Instant.parse("2023-01-02T08:00:00Z");

    private final Organization plan;
    private final Map<String, Organization> organizations = new LinkedHashMap<>();
    private final Map<String, Location> locations = new LinkedHashMap<>();
    private final Map<String, Practitioner> practitioners = new LinkedHashMap<>();

    private PlanDirectory() {
        plan = planOrganization();
        for (CareSite site : ProviderNetwork.SITES) {
            organizations.put(site.id(), organizationFor(site));
            if (site.kind() != Kind.PHARMACY) {
                locations.put(site.id(), locationFor(site));
            }
        }
        for (Clinician clinician : ProviderNetwork.CLINICIANS) {
            practitioners.put(clinician.id(), practitionerFor(clinician));
        }
    }

    static PlanDirectory create() {
        return new PlanDirectory();
    }

    /** Every directory resource, in a stable order. */
    List<Resource> resources() {
        List<Resource> all = new ArrayList<>();
        all.add(plan);
        all.addAll(organizations.values());
        all.addAll(practitioners.values());
        all.addAll(locations.values());
        return all;
    }

    Reference plan() {
        return new Reference("Organization/" + PLAN_ID).setDisplay(PLAN_NAME);
    }

    Reference organization(String siteId) {
        Organization organization = organizations.get(siteId);
        return new Reference("Organization/" + siteId).setDisplay(organization.getName());
    }

    Reference location(String siteId) {
        Location location = locations.get(siteId);
        return new Reference("Location/" + location.getIdElement().getIdPart()).setDisplay(location.getName());
    }

    Reference practitioner(Clinician clinician) {
        return new Reference("Practitioner/" + clinician.id()).setDisplay(clinician.displayName());
    }

    List<CareSite> sites(Kind kind, String state) {
        return ProviderNetwork.SITES.stream().filter(s -> s.kind() == kind && s.serves(state)).toList();
    }

    /** Clinicians in {@code state}, the network's only clinicians if the state has none. */
    List<Clinician> clinicians(String state) {
        List<Clinician> local = ProviderNetwork.CLINICIANS.stream()
            .filter(c -> siteOf(c).address().state().equals(state))
            .toList();
        return local.isEmpty() ? ProviderNetwork.CLINICIANS : local;
    }

    /** The member's primary care clinician: a pediatrician for children, a family physician otherwise. */
    Clinician primaryCareFor(TestMember member) {
        Code specialty = Residence.ageOf(member) < 18 ? ProviderNetwork.PEDIATRICS : ProviderNetwork.FAMILY_MEDICINE;
        List<Clinician> local = clinicians(Residence.of(member).state());
        return local.stream()
            .filter(c -> c.specialty().equals(specialty))
            .findFirst()
            .or(() -> local.stream().filter(Clinician::isPrimaryCare).findFirst())
            .orElse(local.get(0));
    }

    /** Clinicians working at {@code site}, or in its state when nobody in the directory works there. */
    List<Clinician> cliniciansAt(CareSite site) {
        List<Clinician> there = ProviderNetwork.CLINICIANS.stream().filter(c -> c.siteId().equals(site.id())).toList();
        return there.isEmpty() ? clinicians(site.address().state()) : there;
    }

    CareSite siteOf(Clinician clinician) {
        return ProviderNetwork.SITES.stream().filter(s -> s.id().equals(clinician.siteId())).findFirst().orElseThrow();
    }

    private static Organization planOrganization() {
        Organization plan = new Organization();
        FirstVersion.stamp(plan, PLAN_ID, PUBLISHED, Terminology.C4BB_ORGANIZATION);
        plan.addIdentifier()
            .setType(Terminology.concept(Terminology.C4BB_IDENTIFIER_TYPE, "payerid", "Payer ID"))
            .setSystem("https://demo-health-plan.1up.example/fhir/payer-id")
            .setValue("1UPDHP");
        plan.setActive(true)
            .setName(PLAN_NAME)
            .addType(Terminology.concept(Terminology.ORGANIZATION_TYPE, "pay", "Payer"));
        plan.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("1-800-555-0100");
        plan.addAddress(new PostalAddress("100 Summer Street", "Boston", "MA", "02110").toFhir());
        return plan;
    }

    private static Organization organizationFor(CareSite site) {
        Organization organization = new Organization();
        FirstVersion.stamp(organization, site.id(), PUBLISHED, Terminology.C4BB_ORGANIZATION);
        organization.addIdentifier(npiIdentifier(site.npi()));
        organization.addIdentifier()
            .setType(Terminology.concept(Terminology.V2_0203, "TAX", "Tax ID number"))
            .setSystem(Terminology.TIN)
            .setValue(site.tin());
        organization.setActive(true)
            .setName(site.name())
            .addType(Terminology.concept(Terminology.ORGANIZATION_TYPE, "prov", "Healthcare Provider"));
        organization.addAddress(site.address().toFhir());
        return organization;
    }

    private static Location locationFor(CareSite site) {
        Location location = new Location();
        String suffix = site.kind() == Kind.HOSPITAL ? " - Main Campus" : " - Office";
        FirstVersion.stamp(location, "loc-" + site.id(), PUBLISHED, Terminology.US_CORE + "us-core-location");
        location.setStatus(Location.LocationStatus.ACTIVE)
            .setName(site.name() + suffix)
            .setAddress(site.address().toFhir())
            .setManagingOrganization(new Reference("Organization/" + site.id()).setDisplay(site.name()));
        return location;
    }

    private static Practitioner practitionerFor(Clinician clinician) {
        Practitioner practitioner = new Practitioner();
        FirstVersion.stamp(practitioner, clinician.id(), PUBLISHED, Terminology.C4BB_PRACTITIONER);
        practitioner.addIdentifier(npiIdentifier(clinician.npi()));
        practitioner.setActive(true)
            .setGender(AdministrativeGender.fromCode(clinician.gender()))
            .addName(new HumanName()
                .setUse(HumanName.NameUse.OFFICIAL)
                .setFamily(clinician.family())
                .addGiven(clinician.given())
                .addPrefix("Dr."));
        practitioner.addQualification().setCode(Terminology.concept(clinician.specialty()));
        return practitioner;
    }

    private static Identifier npiIdentifier(Npi npi) {
        return new Identifier()
            .setType(Terminology.concept(Terminology.V2_0203, "NPI", "National provider identifier"))
            .setSystem(Terminology.NPI)
            .setValue(npi.value());
    }
}
