package dev.payeraccess.brands;

import dev.payeraccess.fhir.R4;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MarkdownType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UrlType;

/**
 * Writes plans as a User-access Brands Bundle: per plan one brand ({@code Organization}: identifier, name, logo,
 * one portal with the description) and its {@code Endpoint} (the plan's FHIR base, FHIR R4, active). Pure.
 *
 * <p>A plan is one brand card: plans imported from one brand share its identifier, which is how SMART lets apps
 * merge cards (and how {@link BrandsBundleReader} names them again: {@code acme}, {@code acme-2}). Elements the
 * profiles require and a plan does not know (the brand's website, the endpoint's developer page) carry the data
 * absent reason the profile allows, {@value UserAccessProfile#ASKED_UNKNOWN}.
 */
public final class BrandsBundleWriter {

    /** FHIR ids: letters, digits, {@code -} and {@code .}, up to 64 ({@code id} datatype). */
    private static final Pattern NOT_FHIR_ID = Pattern.compile("[^A-Za-z0-9.-]");
    private static final int FHIR_ID_LENGTH = 64;
    /** {@code acme-2}: the alias of a brand's second plan, compared by number so {@code acme-10} comes last. */
    private static final Pattern NUMBERED = Pattern.compile("(.*)-(\\d{1,9})");
    private static final Comparator<String> BY_ALIAS = Comparator.comparing(BrandsBundleWriter::base,
            String.CASE_INSENSITIVE_ORDER)
        .thenComparingLong(BrandsBundleWriter::number).thenComparing(Comparator.naturalOrder());

    private BrandsBundleWriter() {
    }

    /**
     * The Bundle of {@code plans}, ordered by alias so a brand's plans keep their order ({@code acme} before
     * {@code acme-2}), without {@code timestamp}: see {@link #stamped}.
     */
    public static Bundle bundle(List<ListedPlan> plans) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        List<ListedPlan> ordered = plans.stream().sorted(Comparator.comparing(ListedPlan::alias, BY_ALIAS)).toList();
        Set<String> ids = new HashSet<>();
        List<Endpoint> endpoints = new ArrayList<>();
        for (ListedPlan plan : ordered) {
            String id = uniqueId(plan.alias(), ids);
            Endpoint endpoint = endpoint(id, plan.plan());
            bundle.addEntry().setResource(brand(id, plan.plan()));
            endpoints.add(endpoint);
        }
        endpoints.forEach(endpoint -> bundle.addEntry().setResource(endpoint));
        return bundle;
    }

    /**
     * The profile requires {@code Bundle.timestamp} and {@code meta.lastUpdated}, "the last change to the
     * contents"; Keycloak keeps no time of change for an identity provider, so the Bundle says when it was written.
     */
    public static Bundle stamped(Bundle bundle, Date now) {
        bundle.setTimestamp(now);
        bundle.getMeta().setLastUpdated(now);
        return bundle;
    }

    public static String json(Bundle bundle) {
        return R4.context().newJsonParser().encodeResourceToString(bundle);
    }

    private static Organization brand(String id, BrandedPlan plan) {
        Organization brand = new Organization();
        brand.setId(id);
        brand.addIdentifier(plan.brand().toFhir());
        brand.setActive(true);
        brand.setName(plan.displayName().orElse(id));
        ContactPoint website = brand.addTelecom().setSystem(ContactPoint.ContactPointSystem.URL);
        plan.brand().website().ifPresentOrElse(website::setValue, () -> absent(website));
        plan.logoUrl().ifPresent(logo -> brand.addExtension().setUrl(UserAccessProfile.BRAND)
            .addExtension(UserAccessProfile.BRAND_LOGO, new UrlType(logo)));
        Extension portal = brand.addExtension().setUrl(UserAccessProfile.PORTAL);
        portal.addExtension(UserAccessProfile.PORTAL_NAME, new StringType(brand.getName()));
        plan.description().ifPresent(text -> portal.addExtension(UserAccessProfile.PORTAL_DESCRIPTION,
            new MarkdownType(text)));
        portal.addExtension(UserAccessProfile.PORTAL_ENDPOINT, new Reference("Endpoint/" + id));
        brand.addEndpoint(new Reference("Endpoint/" + id));
        return brand;
    }

    private static Endpoint endpoint(String id, BrandedPlan plan) {
        Endpoint endpoint = new Endpoint();
        endpoint.setId(id);
        endpoint.addExtension(UserAccessProfile.FHIR_VERSION, new CodeType(UserAccessProfile.R4_VERSION));
        endpoint.setStatus(Endpoint.EndpointStatus.ACTIVE);
        endpoint.setConnectionType(new Coding(UserAccessProfile.CONNECTION_TYPE_SYSTEM, UserAccessProfile.FHIR_REST,
            null));
        endpoint.setName("FHIR R4 endpoint of " + plan.displayName().orElse(id));
        // The developer page where apps register with the plan: the organization registered, and does not know it.
        absent(endpoint.addContact().setSystem(ContactPoint.ContactPointSystem.URL));
        endpoint.addPayloadType(new CodeableConcept(new Coding(UserAccessProfile.PAYLOAD_TYPE_SYSTEM,
            UserAccessProfile.PAYLOAD_NONE, null)));
        endpoint.setAddress(plan.address());
        return endpoint;
    }

    private static void absent(ContactPoint contact) {
        contact.getValueElement().addExtension(UserAccessProfile.DATA_ABSENT_REASON,
            new CodeType(UserAccessProfile.ASKED_UNKNOWN));
    }

    /** The alias as a FHIR id: Keycloak allows characters in aliases that FHIR ids do not. */
    private static String uniqueId(String alias, Set<String> taken) {
        String id = NOT_FHIR_ID.matcher(alias).replaceAll("-");
        id = id.length() > FHIR_ID_LENGTH - 4 ? id.substring(0, FHIR_ID_LENGTH - 4) : id;
        String unique = BrandAliases.unique(id, taken::contains);
        taken.add(unique);
        return unique;
    }

    private static String base(String alias) {
        Matcher numbered = NUMBERED.matcher(alias);
        return numbered.matches() ? numbered.group(1) : alias;
    }

    private static long number(String alias) {
        Matcher numbered = NUMBERED.matcher(alias);
        return numbered.matches() ? Long.parseLong(numbered.group(2)) : 1;
    }
}
