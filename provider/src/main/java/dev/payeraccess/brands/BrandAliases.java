package dev.payeraccess.brands;

import java.net.URI;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * How a plan imported from a brand is named in the realm. Readable: from the brand's identifier, lowercased, each
 * run of characters other than {@code a-z}, {@code 0-9} turned into one {@code -}; a website identifier gives its
 * domain without {@code www.} and the top-level domain ({@code https://www.acmehealth.com} → {@code acmehealth}).
 * Unique: {@code -2}, {@code -3}... when the alias is taken. Stable: the import finds a plan again by its
 * endpoint's address, never by its alias, so a plan keeps the alias it was created with.
 */
public final class BrandAliases {

    /** Long enough for any brand's domain, short enough to read in a URL ({@code /payer-access/fhir/{alias}}). */
    static final int MAX_LENGTH = 48;
    /** The alias of a brand whose identifier has no letter or digit. */
    static final String FALLBACK = "plan";
    private static final Pattern NOT_ALIAS = Pattern.compile("[^a-z0-9]+");

    private BrandAliases() {
    }

    /** The readable alias of a brand's plans, before {@link #unique}. */
    public static String base(BrandIdentifier brand) {
        String text = brand.webAddress().map(BrandAliases::domainAndPath).orElse(brand.value());
        String alias = NOT_ALIAS.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("-");
        alias = trimDashes(alias.length() > MAX_LENGTH ? alias.substring(0, MAX_LENGTH) : alias);
        return alias.isEmpty() ? FALLBACK : alias;
    }

    /** {@code base}, or the first of {@code base-2}, {@code base-3}... that is not {@code taken}. */
    public static String unique(String base, Predicate<String> taken) {
        if (!taken.test(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String alias = base + "-" + n;
            if (!taken.test(alias)) {
                return alias;
            }
        }
    }

    /** {@code www.acmehealth.com/plans} → {@code acmehealth/plans}: the part of a website members recognize. */
    private static String domainAndPath(URI website) {
        String host = website.getHost().toLowerCase(Locale.ROOT);
        host = host.startsWith("www.") ? host.substring(4) : host;
        int lastDot = host.lastIndexOf('.');
        boolean topLevel = lastDot > 0 && host.substring(lastDot + 1).chars().allMatch(Character::isLetter);
        String domain = topLevel ? host.substring(0, lastDot) : host;
        return domain + (website.getPath() == null ? "" : website.getPath());
    }

    private static String trimDashes(String alias) {
        int start = 0;
        int end = alias.length();
        while (start < end && alias.charAt(start) == '-') {
            start++;
        }
        while (end > start && alias.charAt(end - 1) == '-') {
            end--;
        }
        return alias.substring(start, end);
    }
}
