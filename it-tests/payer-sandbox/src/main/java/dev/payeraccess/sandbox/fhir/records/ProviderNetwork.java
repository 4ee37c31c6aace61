package dev.payeraccess.sandbox.fhir.records;

import dev.payeraccess.sandbox.fhir.records.CareSite.Kind;
import dev.payeraccess.sandbox.fhir.records.Terminology.Code;
import java.util.List;
import java.util.Set;

/**
 * The plan's (fictional) provider network: sites in Massachusetts and Pennsylvania, where the test
 * members live, and the clinicians working there. Plain data; {@link PlanDirectory} turns it into FHIR.
 */
final class ProviderNetwork {

    static final Code FAMILY_MEDICINE = taxonomy("207Q00000X", "Family Medicine");
    static final Code PEDIATRICS = taxonomy("208000000X", "Pediatrics");
    static final Code INTERNAL_MEDICINE = taxonomy("207R00000X", "Internal Medicine");
    static final Code EMERGENCY_MEDICINE = taxonomy("207P00000X", "Emergency Medicine");
    static final Code ORTHOPAEDIC_SURGERY = taxonomy("207X00000X", "Orthopaedic Surgery");
    static final Code CARDIOLOGY = taxonomy("207RC0000X", "Cardiovascular Disease");

    static final List<CareSite> SITES = List.of(
        site("commonwealth-general", "Commonwealth General Hospital", Kind.HOSPITAL, "104729301", "04-2697983",
            new PostalAddress("55 Fruit Street", "Boston", "MA", "02114")),
        site("north-shore-regional", "North Shore Regional Medical Center", Kind.HOSPITAL, "119384020", "04-2103580",
            new PostalAddress("81 Highland Avenue", "Salem", "MA", "01970")),
        site("three-rivers-regional", "Three Rivers Regional Hospital", Kind.HOSPITAL, "128593746", "25-0965480",
            new PostalAddress("200 Lothrop Street", "Pittsburgh", "PA", "15213")),
        site("back-bay-family-medicine", "Back Bay Family Medicine", Kind.CLINIC, "135820417", "04-3318862",
            new PostalAddress("440 Boylston Street", "Boston", "MA", "02116")),
        site("merrimack-orthopedics", "Merrimack Orthopedic Associates", Kind.CLINIC, "147263580", "04-3529071",
            new PostalAddress("12 Elm Square", "Andover", "MA", "01810")),
        site("allegheny-heart", "Allegheny Heart & Vascular Group", Kind.CLINIC, "152938406", "25-1790234",
            new PostalAddress("4815 Liberty Avenue", "Pittsburgh", "PA", "15224")),
        site("harbor-street-pharmacy", "Harbor Street Pharmacy", Kind.PHARMACY, "163047295", "04-3781126",
            new PostalAddress("17 Harbor Street", "Boston", "MA", "02109")),
        site("keystone-pharmacy", "Keystone Community Pharmacy", Kind.PHARMACY, "170582934", "25-1835567",
            new PostalAddress("2300 Penn Avenue", "Pittsburgh", "PA", "15239")),
        site("mail-order-rx", "Demo Health Plan Mail Order Pharmacy", Kind.PHARMACY, "182957340", "04-3906612",
            new PostalAddress("1 Fulfillment Way", "Worcester", "MA", "01608")));

    /** Sites that serve members in every state. */
    static final Set<String> NATIONWIDE = Set.of("mail-order-rx");

    static final List<Clinician> CLINICIANS = List.of(
        clinician("alice-moreno", "Alice", "Moreno", "female", "109283746", FAMILY_MEDICINE,
            "back-bay-family-medicine"),
        clinician("maria-russo", "Maria", "Russo", "female", "118273645", PEDIATRICS, "back-bay-family-medicine"),
        clinician("raj-patel", "Raj", "Patel", "male", "127364554", INTERNAL_MEDICINE, "commonwealth-general"),
        clinician("samuel-kim", "Samuel", "Kim", "male", "136455463", EMERGENCY_MEDICINE, "north-shore-regional"),
        clinician("hannah-okafor", "Hannah", "Okafor", "female", "145546372", ORTHOPAEDIC_SURGERY,
            "merrimack-orthopedics"),
        clinician("linda-kowalski", "Linda", "Kowalski", "female", "154637281", FAMILY_MEDICINE,
            "three-rivers-regional"),
        clinician("james-whitfield", "James", "Whitfield", "male", "163728190", EMERGENCY_MEDICINE,
            "three-rivers-regional"),
        clinician("david-novak", "David", "Novak", "male", "172819009", CARDIOLOGY, "allegheny-heart"));

    private ProviderNetwork() {
    }

    private static CareSite site(String id, String name, Kind kind, String npi, String tin, PostalAddress address) {
        return new CareSite(id, name, kind, Npi.of(npi), tin, address);
    }

    private static Clinician clinician(String id, String given, String family, String gender, String npi,
                                       Code specialty, String siteId) {
        return new Clinician(id, given, family, gender, Npi.of(npi), specialty, siteId);
    }

    private static Code taxonomy(String code, String display) {
        return new Code(Terminology.NUCC_TAXONOMY, code, display);
    }
}
