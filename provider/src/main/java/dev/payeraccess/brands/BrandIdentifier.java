package dev.payeraccess.brands;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.Identifier;

/**
 * The name a brand keeps across Bundles and publishers: one of its {@code Organization.identifier}s. Stored on a
 * plan imported from the brand as a FHIR token, {@code system|value} ({@code value} alone without a system).
 *
 * @param system the identifier's namespace, e.g. {@value #URL_SYSTEM}
 * @param value the identifier itself, e.g. {@code https://acmehealth.example}
 */
public record BrandIdentifier(Optional<String> system, String value) {

    /**
     * SMART App Launch 2.2 (User-access Brands, "Consistent Identifiers for Organizations") recommends this system
     * with the brand's website as the value, {@code https://} and the domain without {@code www.} or a path.
     */
    public static final String URL_SYSTEM = "urn:ietf:rfc:3986";

    public BrandIdentifier {
        Objects.requireNonNull(value, "value");
        system = system.map(String::trim).filter(text -> !text.isEmpty());
        value = value.trim();
    }

    /** The identifier that names a brand: SMART's recommended URL identifier first, else the first with a value. */
    static Optional<BrandIdentifier> of(List<Identifier> identifiers) {
        List<BrandIdentifier> usable = identifiers.stream().filter(id -> id.hasValue() && !id.getValue().isBlank())
            .map(id -> new BrandIdentifier(Optional.ofNullable(id.getSystem()), id.getValue())).toList();
        return usable.stream().filter(id -> id.system().filter(URL_SYSTEM::equals).isPresent()).findFirst()
            .or(() -> usable.stream().findFirst());
    }

    /** Reads what {@link #token()} wrote: the system is everything before the first {@code |}. */
    public static BrandIdentifier ofToken(String token) {
        int bar = token.indexOf('|');
        return bar < 0 ? new BrandIdentifier(Optional.empty(), token)
            : new BrandIdentifier(Optional.of(token.substring(0, bar)), token.substring(bar + 1));
    }

    public String token() {
        return system.map(namespace -> namespace + "|" + value).orElse(value);
    }

    Identifier toFhir() {
        Identifier identifier = new Identifier().setValue(value);
        system.ifPresent(identifier::setSystem);
        return identifier;
    }

    /** The brand's website, when the identifier is the one SMART recommends: an https URL in {@value #URL_SYSTEM}. */
    Optional<String> website() {
        return system.filter(URL_SYSTEM::equals).flatMap(any -> webAddress()).map(URI::toString);
    }

    /** The value as an http(s) URL with a host, when it is one. */
    Optional<URI> webAddress() {
        try {
            URI uri = new URI(value);
            String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
            return uri.getHost() != null && (scheme.equals("https") || scheme.equals("http")) ? Optional.of(uri)
                : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
