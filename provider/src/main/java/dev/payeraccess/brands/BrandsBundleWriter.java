package dev.payeraccess.brands;

import ca.uhn.fhir.parser.IParser;
import dev.payeraccess.fhir.R4;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
import org.hl7.fhir.r4.model.Resource;
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

    /** Changes when the Bundle written for the same plans would change: a new element, another order. */
    private static final String FORMAT = "brands-export-1";

    private BrandsBundleWriter() {
    }

    /**
     * The Bundle of {@code plans}, ordered by alias so a brand's plans keep their order ({@code acme} before
     * {@code acme-2}), without {@code timestamp}: see {@link #stamped}.
     */
    public static Bundle bundle(List<ListedPlan> plans) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        List<Identified> identified = identified(plans);
        identified.forEach(plan -> bundle.addEntry().setResource(brand(plan.id(), plan.plan())));
        identified.forEach(plan -> bundle.addEntry().setResource(endpoint(plan.id(), plan.plan())));
        return bundle;
    }

    /**
     * Writes the same Bundle as {@link #bundle} stamped with {@code now}, one resource at a time: a realm's thousand
     * plans are never one Bundle in memory, only their list.
     */
    public static void write(List<ListedPlan> plans, Date now, OutputStream out) throws IOException {
        IParser parser = R4.context().newJsonParser();
        String head = parser.encodeResourceToString(stamped(new Bundle().setType(Bundle.BundleType.COLLECTION), now));
        List<Identified> identified = identified(plans);
        Writer json = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        if (identified.isEmpty()) {
            json.write(head); // FHIR JSON has no empty arrays
        } else {
            // The Bundle without entries as HAPI writes it ({"resourceType":"Bundle","meta":…,"type":…,
            // "timestamp":…}), its closing brace replaced by the entries, each resource made when it is written.
            json.write(head, 0, head.lastIndexOf('}'));
            String separator = ",\"entry\":[";
            Iterator<Resource> resources = Stream.concat(
                identified.stream().map(plan -> (Resource) brand(plan.id(), plan.plan())),
                identified.stream().map(plan -> endpoint(plan.id(), plan.plan()))).iterator();
            while (resources.hasNext()) {
                // One resource as text at a time: HAPI's writer may close the stream it is given.
                json.write(separator + "{\"resource\":" + parser.encodeResourceToString(resources.next()) + "}");
                separator = ",";
            }
            json.write("]}");
        }
        json.flush();
    }

    /**
     * A tag that changes when anything the Bundle lists changes, known without writing the Bundle: the plans in
     * their order, and the version of this writer's format.
     */
    public static String tag(List<ListedPlan> plans) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(FORMAT.getBytes(StandardCharsets.UTF_8));
            identified(plans).forEach(plan -> digest.update((plan.id() + "\u0000" + plan.plan() + "\u0000")
                .getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The plans ordered by alias so a brand's plans keep their order ({@code acme} before {@code acme-2}). */
    private static List<Identified> identified(List<ListedPlan> plans) {
        List<ListedPlan> ordered = plans.stream().sorted(Comparator.comparing(ListedPlan::alias, BY_ALIAS)).toList();
        Set<String> ids = new HashSet<>();
        List<Identified> identified = new ArrayList<>();
        for (ListedPlan plan : ordered) {
            identified.add(new Identified(uniqueId(plan.alias(), ids), plan.plan()));
        }
        return identified;
    }

    private record Identified(String id, BrandedPlan plan) {
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
