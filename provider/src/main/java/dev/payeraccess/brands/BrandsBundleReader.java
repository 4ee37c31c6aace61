package dev.payeraccess.brands;

import ca.uhn.fhir.parser.DataFormatException;
import dev.payeraccess.broker.PlanConfigCheck;
import dev.payeraccess.fhir.R4;
import dev.payeraccess.plan.OutboundTargets;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads a User-access Brands Bundle into the (brand, FHIR endpoint) pairs that can become plans. Pure: parses with
 * HAPI FHIR and checks each pair with the rules a plan's FHIR base obeys on save ({@link PlanConfigCheck#url}).
 *
 * <p>A brand ({@code Organization}) names its endpoints in {@code Organization.endpoint} and in its portals'
 * {@code portalEndpoint}s (the profile's uab-1 makes the second a subset of the first). A plan is one FHIR
 * endpoint: when several brands list the same address, the first in the Bundle has the plan and the others are
 * refused, saying whose plan it is.
 */
final class BrandsBundleReader {

    private static final Set<Bundle.BundleType> BRANDS_BUNDLE_TYPES = Set.of(Bundle.BundleType.COLLECTION,
        Bundle.BundleType.SEARCHSET);
    /** Longest HAPI parser message quoted back, which says where the JSON breaks. */
    private static final int QUOTED_LENGTH = 200;

    /** A resource of the Bundle and how the answer names it: {@code Endpoint/acme-r4}, or {@code entry 3}. */
    private record Entry<T extends Resource>(T resource, String label) {
    }

    private final Bundle bundle;
    private final List<Entry<Organization>> brands = new ArrayList<>();
    private final List<Entry<Endpoint>> endpoints = new ArrayList<>();
    /** Each Endpoint entry by its {@code fullUrl} and by {@code Endpoint/{id}}. */
    private final Map<String, Entry<Endpoint>> endpointsByReference = new HashMap<>();

    private final OutboundTargets targets;

    private BrandsBundleReader(Bundle bundle, OutboundTargets targets) {
        this.bundle = bundle;
        this.targets = targets;
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            index(entries.get(i), i + 1);
        }
    }

    static BrandsBundle read(String json, OutboundTargets targets) throws RefusedBundle {
        return new BrandsBundleReader(parse(json), targets).contents();
    }

    private static Bundle parse(String json) throws RefusedBundle {
        if (json == null || json.isBlank()) {
            throw new RefusedBundle("The body is empty: send a User-access Brands Bundle (FHIR R4 JSON, a Bundle of "
                + "type collection with Organization and Endpoint entries).");
        }
        IBaseResource resource;
        try {
            resource = R4.context().newJsonParser().parseResource(json);
        } catch (DataFormatException e) {
            throw new RefusedBundle("The body is not FHIR JSON (" + shortened(e.getMessage()) + "): send a "
                + "User-access Brands Bundle, a Bundle of type collection with Organization and Endpoint entries.");
        }
        if (!(resource instanceof Bundle bundle)) {
            throw new RefusedBundle("The body is a " + resource.fhirType()
                + ", not a Bundle: send a User-access Brands "
                + "Bundle, a Bundle of type collection with Organization and Endpoint entries.");
        }
        if (!BRANDS_BUNDLE_TYPES.contains(bundle.getType())) {
            throw new RefusedBundle("The Bundle's type is " + (bundle.hasType() ? bundle.getType().toCode() : "missing")
                + ": a User-access Brands Bundle is a collection (a searchset of Organizations and Endpoints is read "
                + "too).");
        }
        return bundle;
    }

    private void index(Bundle.BundleEntryComponent entry, int number) {
        Resource resource = entry.getResource();
        if (resource instanceof Organization brand) {
            brands.add(new Entry<>(brand, label(brand, number)));
        } else if (resource instanceof Endpoint endpoint) {
            Entry<Endpoint> indexed = new Entry<>(endpoint, label(endpoint, number));
            endpoints.add(indexed);
            if (entry.hasFullUrl()) {
                endpointsByReference.putIfAbsent(entry.getFullUrl(), indexed);
            }
            if (endpoint.getIdElement().hasIdPart()) {
                endpointsByReference.putIfAbsent("Endpoint/" + endpoint.getIdElement().getIdPart(), indexed);
            }
        }
    }

    /** Entries that are neither a brand nor an endpoint: left out, saying so. */
    private List<RefusedEntry> otherEntries() {
        List<RefusedEntry> refused = new ArrayList<>();
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            Resource resource = entries.get(i).getResource();
            if (!(resource instanceof Organization) && !(resource instanceof Endpoint)) {
                String what = resource == null ? "has no resource" : "is a " + label(resource, i + 1);
                refused.add(new RefusedEntry("entry " + (i + 1), Optional.empty(), Optional.empty(), "The entry "
                    + what + ", not an Organization (a brand) or an Endpoint: a Brands Bundle holds only brands and "
                    + "their endpoints, so it is left out."));
            }
        }
        return refused;
    }

    private BrandsBundle contents() {
        List<BrandEndpoint> pairs = new ArrayList<>();
        List<RefusedEntry> refused = new ArrayList<>(otherEntries());
        Set<Endpoint> referenced = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Entry<Organization> brand : brands) {
            BrandReading reading = readBrand(brand);
            pairs.addAll(reading.pairs());
            refused.addAll(reading.refused());
            referenced.addAll(reading.referenced());
        }
        endpoints.stream().filter(endpoint -> !referenced.contains(endpoint.resource()))
            .map(endpoint -> new RefusedEntry(endpoint.label(), Optional.empty(), address(endpoint.resource()),
                "No brand lists this endpoint (Organization.endpoint): a plan is added for a brand's endpoint, with "
                    + "the brand's name and logo. Add the endpoint to its brand."))
            .forEach(refused::add);
        return withoutSharedEndpoints(pairs, refused);
    }

    /** What one brand adds: its usable endpoints, its refused ones, and every endpoint it names. */
    private record BrandReading(List<BrandEndpoint> pairs, List<RefusedEntry> refused, List<Endpoint> referenced) {
    }

    private BrandReading readBrand(Entry<Organization> entry) {
        Organization brand = entry.resource();
        Optional<String> name = Optional.ofNullable(brand.getName()).filter(text -> !text.isBlank());
        Map<String, Optional<Entry<Endpoint>>> named = endpointReferences(brand);
        List<Endpoint> referenced = named.values().stream().flatMap(Optional::stream).map(Entry::resource).toList();
        Optional<String> refusal = brandRefusal(brand, named.isEmpty());
        if (refusal.isPresent()) {
            return new BrandReading(List.of(), List.of(new RefusedEntry(entry.label(), name, Optional.empty(),
                refusal.get())), referenced);
        }
        BrandIdentifier identifier = BrandIdentifier.of(brand.getIdentifier()).orElseThrow();
        List<RefusedEntry> refused = new ArrayList<>();
        Map<String, Entry<Endpoint>> usable = new LinkedHashMap<>();
        named.forEach((reference, endpoint) -> {
            String source = entry.label() + ", " + endpoint.map(Entry::label).orElse(reference);
            Optional<String> problem = endpoint.isEmpty()
                ? Optional.of("The brand lists " + reference + ", which is not in the Bundle: add that Endpoint entry, "
                    + "or remove the reference.")
                : endpointRefusal(endpoint.get().resource());
            if (problem.isPresent()) {
                refused.add(new RefusedEntry(source, name, endpoint.flatMap(e -> address(e.resource())),
                    problem.get()));
            } else {
                usable.putIfAbsent(address(endpoint.get().resource()).orElseThrow(), endpoint.get());
            }
        });
        List<BrandEndpoint> pairs = usable.values().stream()
            .map(endpoint -> pair(entry, identifier, name, endpoint, usable.size() > 1)).toList();
        return new BrandReading(pairs, refused, referenced);
    }

    /** Why none of the brand's endpoints can become a plan; empty when they may. */
    private static Optional<String> brandRefusal(Organization brand, boolean noEndpoints) {
        if (BrandIdentifier.of(brand.getIdentifier()).isEmpty()) {
            return Optional.of("The brand has no identifier (Organization.identifier with a value): its plans are "
                + "named after it and found again by it. SMART recommends system " + BrandIdentifier.URL_SYSTEM
                + " with the brand's website as the value.");
        }
        if (brand.hasActive() && !brand.getActive()) {
            return Optional.of("The brand is not active (Organization.active is false): no plan is added for it.");
        }
        if (noEndpoints && brand.hasPartOf()) {
            Reference parent = brand.getPartOf();
            return Optional.of("The brand is part of " + (parent.hasDisplay() ? parent.getDisplay()
                : parent.getReference()) + " (Organization.partOf) and lists no endpoint of its own: its members "
                + "connect through the plan of the brand it is part of.");
        }
        if (noEndpoints) {
            return Optional.of("The brand lists no endpoint (Organization.endpoint): a plan is a brand's FHIR "
                + "endpoint.");
        }
        return Optional.empty();
    }

    /** Why an endpoint cannot be a plan's FHIR base; empty when it can. */
    private Optional<String> endpointRefusal(Endpoint endpoint) {
        Optional<String> address = address(endpoint);
        if (address.isEmpty()) {
            return Optional.of("The endpoint has no address: a user-access Endpoint's address is the FHIR base URL "
                + "of the plan.");
        }
        Optional<String> url = PlanConfigCheck.url("Endpoint.address", address.get(), false, targets);
        if (url.isPresent()) {
            return url;
        }
        String type = endpoint.getConnectionType().getCode();
        String system = endpoint.getConnectionType().getSystem();
        if (!UserAccessProfile.FHIR_REST.equals(type)
            || system != null && !UserAccessProfile.CONNECTION_TYPE_SYSTEM.equals(system)) {
            return Optional.of("The endpoint's connectionType is " + (type == null ? "missing" : "'" + type + "'")
                + ", not " + UserAccessProfile.FHIR_REST + ": only FHIR REST APIs become plans.");
        }
        if (endpoint.getStatus() != Endpoint.EndpointStatus.ACTIVE) {
            return Optional.of("The endpoint's status is " + (endpoint.hasStatus() ? "'" + endpoint.getStatus().toCode()
                + "'" : "missing") + ", not active: a plan is added for an active endpoint only. Import the Bundle "
                + "again once it is active.");
        }
        List<String> versions = fhirVersions(endpoint);
        if (!versions.isEmpty()
            && versions.stream().noneMatch(v -> v.startsWith(UserAccessProfile.R4_VERSION_PREFIX))) {
            return Optional.of("The endpoint serves FHIR " + String.join(", ", versions) + " (endpoint-fhir-version), "
                + "not R4 (" + UserAccessProfile.R4_VERSION_PREFIX + "x): this extension reads FHIR R4 plans only.");
        }
        return Optional.empty();
    }

    private BrandEndpoint pair(Entry<Organization> brandEntry, BrandIdentifier identifier, Optional<String> name,
                               Entry<Endpoint> endpointEntry, boolean oneOfSeveral) {
        Organization brand = brandEntry.resource();
        Endpoint endpoint = endpointEntry.resource();
        Optional<Extension> portal = portalOf(brand, endpoint);
        String address = address(endpoint).orElseThrow();
        Optional<String> displayName = oneOfSeveral
            ? Optional.of(name.map(text -> text + " (" + endpointName(portal, endpoint, address) + ")")
                .orElse(endpointName(portal, endpoint, address)))
            : name;
        List<String> notes = new ArrayList<>();
        Optional<String> logo = brandLogo(brand).filter(url -> usableLogo(url, notes));
        Optional<String> description = portal.flatMap(p -> text(p, UserAccessProfile.PORTAL_DESCRIPTION));
        return new BrandEndpoint(brandEntry.label() + ", " + endpointEntry.label(),
            new BrandedPlan(identifier, address, displayName, logo, description), notes);
    }

    /**
     * What tells one of a brand's endpoints from its others: the name of the portal that lists it, else the
     * endpoint's own name, else its host.
     */
    private static String endpointName(Optional<Extension> portal, Endpoint endpoint, String address) {
        return portal.flatMap(p -> text(p, UserAccessProfile.PORTAL_NAME))
            .or(() -> Optional.ofNullable(endpoint.getName()).filter(text -> !text.isBlank()))
            .orElseGet(() -> URI.create(address).getHost());
    }

    /** The plan picker shows https logos: a {@code data:} or plain http logo is left out, saying so. */
    private static boolean usableLogo(String url, List<String> notes) {
        if (url.startsWith("data:")) {
            notes.add("The brand's logo is inline (a data: URL), and a plan's logo is an https:// address: the plan "
                + "has no logo until you enter one.");
            return false;
        }
        Optional<String> problem = PlanConfigCheck.browserUrl("brandLogo", url, true);
        problem.ifPresent(why -> notes.add("The brand's logo is left out: " + why));
        return problem.isEmpty();
    }

    /** The endpoints a brand names, by reference, in its order: {@code Organization.endpoint}, then its portals'. */
    private Map<String, Optional<Entry<Endpoint>>> endpointReferences(Organization brand) {
        Set<String> references = new LinkedHashSet<>();
        brand.getEndpoint().stream().map(Reference::getReference).filter(r -> r != null && !r.isBlank())
            .forEach(references::add);
        portalEndpoints(brand).forEach(references::add);
        Map<String, Optional<Entry<Endpoint>>> named = new LinkedHashMap<>();
        references.forEach(reference -> named.put(reference, resolve(reference)));
        return named;
    }

    private static Stream<String> portalEndpoints(Organization brand) {
        return brand.getExtensionsByUrl(UserAccessProfile.PORTAL).stream()
            .flatMap(portal -> portal.getExtensionsByUrl(UserAccessProfile.PORTAL_ENDPOINT).stream())
            .map(Extension::getValue).filter(Reference.class::isInstance)
                .map(value -> ((Reference) value).getReference())
            .filter(reference -> reference != null && !reference.isBlank());
    }

    /** The first portal of the brand that lists {@code endpoint}. */
    private Optional<Extension> portalOf(Organization brand, Endpoint endpoint) {
        return brand.getExtensionsByUrl(UserAccessProfile.PORTAL).stream()
            .filter(portal -> portal.getExtensionsByUrl(UserAccessProfile.PORTAL_ENDPOINT).stream()
                .map(Extension::getValue).filter(Reference.class::isInstance)
                .map(value -> resolve(((Reference) value).getReference()))
                .anyMatch(found -> found.filter(e -> e.resource() == endpoint).isPresent()))
            .findFirst();
    }

    /**
     * The Endpoint entry a reference points at: by its {@code fullUrl}, else by {@code Endpoint/{id}}, also when the
     * reference is absolute ({@code https://ehr.example.org/Endpoint/acme-r4}).
     */
    private Optional<Entry<Endpoint>> resolve(String reference) {
        Entry<Endpoint> exact = endpointsByReference.get(reference);
        if (exact != null) {
            return Optional.of(exact);
        }
        int at = reference.lastIndexOf("Endpoint/");
        return at < 0 ? Optional.empty() : Optional.ofNullable(endpointsByReference.get(reference.substring(at)));
    }

    /**
     * A plan is one FHIR endpoint: the first brand in the Bundle that lists an address has its plan, a later one is
     * refused naming it (SMART's "two co-equal brands" share one endpoint).
     */
    private static BrandsBundle withoutSharedEndpoints(List<BrandEndpoint> pairs, List<RefusedEntry> refused) {
        Map<String, BrandEndpoint> first = new HashMap<>();
        List<BrandEndpoint> kept = new ArrayList<>();
        List<RefusedEntry> all = new ArrayList<>(refused);
        for (BrandEndpoint pair : pairs) {
            BrandEndpoint owner = first.putIfAbsent(pair.plan().address(), pair);
            if (owner == null) {
                kept.add(pair);
            } else {
                all.add(new RefusedEntry(pair.source(), pair.plan().displayName(), Optional.of(pair.plan().address()),
                    "The endpoint is listed by an earlier brand too (" + owner.source() + "), whose plan it is: a plan "
                        + "is one FHIR endpoint, shown under one brand."));
            }
        }
        return new BrandsBundle(kept, all);
    }

    private static Optional<String> brandLogo(Organization brand) {
        return brand.getExtensionsByUrl(UserAccessProfile.BRAND).stream()
            .flatMap(ext -> ext.getExtensionsByUrl(UserAccessProfile.BRAND_LOGO).stream())
            .map(Extension::getValue).filter(PrimitiveType.class::isInstance)
            .map(value -> ((PrimitiveType<?>) value).getValueAsString()).filter(url -> url != null && !url.isBlank())
            .findFirst();
    }

    private static List<String> fhirVersions(Endpoint endpoint) {
        return endpoint.getExtensionsByUrl(UserAccessProfile.FHIR_VERSION).stream().map(Extension::getValue)
            .filter(PrimitiveType.class::isInstance).map(value -> ((PrimitiveType<?>) value).getValueAsString())
            .filter(version -> version != null && !version.isBlank()).toList();
    }

    private static Optional<String> text(Extension parent, String url) {
        return parent.getExtensionsByUrl(url).stream().map(Extension::getValue).filter(PrimitiveType.class::isInstance)
            .map(value -> ((PrimitiveType<?>) value).getValueAsString()).filter(text -> text != null && !text.isBlank())
            .findFirst();
    }

    private static Optional<String> address(Endpoint endpoint) {
        return Optional.ofNullable(endpoint.getAddress()).map(String::trim).filter(text -> !text.isEmpty())
            .map(BrandedPlan::withoutTrailingSlash);
    }

    private static String label(IBaseResource resource, int number) {
        String id = resource.getIdElement().getIdPart();
        return id == null || id.isBlank() ? "entry " + number + " (" + resource.fhirType() + ")"
            : resource.fhirType() + "/" + id;
    }

    private static String shortened(String message) {
        String text = message == null ? "unreadable" : message;
        return text.length() > QUOTED_LENGTH ? text.substring(0, QUOTED_LENGTH) + "..." : text;
    }
}
