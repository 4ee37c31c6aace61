package dev.payeraccess.plan;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where Keycloak may send a request that carries a member's token, a client secret or a member's data: the one
 * outbound-target policy of the extension, asked by every call at the moment it is made (a plan's discovery, FHIR
 * reads, token endpoint and revocation endpoint) and by every save of an address Keycloak will call.
 *
 * <p>Normally a target is https and its host is a public address: never loopback, any-local, link-local (cloud
 * metadata services live at 169.254.169.254), private (RFC 1918, IPv6 unique-local and site-local), carrier-grade
 * NAT, multicast or reserved, whether written as such or reached through a name that resolves to one (an
 * IPv4-mapped IPv6 address counts as its IPv4 address). Otherwise anyone who can save a plan, or a plan's discovery
 * document, could make Keycloak call into the network it runs in and send secrets there. With the development
 * switch on ({@link #DEVELOPMENT_SWITCH}, a node option that no realm setting can turn on) such addresses are
 * allowed, over plain http too: a plan simulator on the same machine or network. Plain http to a public address is
 * refused either way. A host that does not resolve here is not refused for that: an outgoing proxy may resolve it.
 *
 * <p>Every call checks the URL it is about to call. The JVM keeps what a name resolved to for 30 s by default
 * ({@code networkaddress.cache.ttl}), so the check and the connection that follows see the same addresses; a name
 * whose addresses change to a private one afterwards is refused at its next call.
 */
public final class OutboundTargets {

    /** The node option that allows private and loopback addresses; for development and tests only. */
    public static final String DEVELOPMENT_SWITCH =
        "--spi-payer-access-plan-connections--fresh--allow-private-addresses=true";

    /** What the refused addresses are called in every message. */
    static final String PRIVATE_OR_LOOPBACK = "private or loopback addresses";

    private static final Pattern DOTTED_IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** How a host name becomes addresses; the JVM's resolver in production, a table in unit tests. */
    @FunctionalInterface
    public interface Resolver {

        /** @throws UnknownHostException when the name does not resolve here */
        List<InetAddress> addresses(String host) throws UnknownHostException;

        /** The JVM's resolver, the one Keycloak's HTTP client connects with (and its 30 s cache). */
        static Resolver system() {
            return host -> Arrays.asList(InetAddress.getAllByName(host));
        }
    }

    /** Why a target was refused. */
    public enum Reason {
        /** Not an absolute http(s) URL with a host. */
        NOT_HTTP_URL,
        /** Plain http to a host that is not a private or loopback address. */
        PLAIN_HTTP,
        /** The host is, or resolves to, a private or loopback address, and the development switch is off. */
        PRIVATE_ADDRESS
    }

    /**
     * A refused target.
     *
     * @param origin scheme, host and port of the URL: never its path or query, which may name a member
     * @param address for {@link Reason#PRIVATE_ADDRESS}, the address the host is or resolves to, for administrators
     */
    public record Refusal(Reason reason, String origin, Optional<String> address) {

        public Refusal {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(origin, "origin");
        }

        /** For an app or a log line: the origin and the rule, no address, path or query. */
        public String toApp() {
            return switch (reason) {
                case NOT_HTTP_URL -> "Keycloak calls absolute http(s) URLs only.";
                case PLAIN_HTTP -> "Keycloak does not call " + origin + ": it calls health plans over https only.";
                case PRIVATE_ADDRESS -> "Keycloak does not call " + PRIVATE_OR_LOOPBACK + ", and " + origin
                    + " is one.";
            };
        }

        /**
         * For an administrator saving {@code field} as {@code value}: what is wrong and what to enter instead.
         */
        public String toAdministrator(String field, String value) {
            return switch (reason) {
                case NOT_HTTP_URL -> field + " '" + value + "' is not an absolute http(s) URL: enter it with "
                    + "https:// and the host.";
                case PLAIN_HTTP -> field + " '" + value + "' uses http://: health plan endpoints must use https:// "
                    + "(plain http only reaches a plan simulator on a private or loopback address, with Keycloak "
                    + "started with " + DEVELOPMENT_SWITCH + ").";
                case PRIVATE_ADDRESS -> field + " '" + value + "' is a private or loopback address"
                    + address.map(a -> " (" + a + ")").orElse("") + ": Keycloak does not call "
                    + PRIVATE_OR_LOOPBACK + ". Enter the plan's public https endpoint; for a plan simulator on "
                    + "this machine or network, start Keycloak with " + DEVELOPMENT_SWITCH
                    + " (development only).";
            };
        }
    }

    private final boolean privateAddressesAllowed;
    private final Resolver resolver;

    private OutboundTargets(boolean privateAddressesAllowed, Resolver resolver) {
        this.privateAddressesAllowed = privateAddressesAllowed;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** The production policy: https to public addresses only. */
    public static OutboundTargets publicOnly(Resolver resolver) {
        return new OutboundTargets(false, resolver);
    }

    /** The development switch on: private and loopback addresses allowed, over http too. */
    public static OutboundTargets withPrivateAddresses(Resolver resolver) {
        return new OutboundTargets(true, resolver);
    }

    public boolean privateAddressesAllowed() {
        return privateAddressesAllowed;
    }

    /** This policy with the development switch off, resolving the same way: what a production node would say. */
    public OutboundTargets withoutDevelopmentSwitch() {
        return publicOnly(resolver);
    }

    /** Why Keycloak may not call {@code url}; empty when it may. Resolves the host (the JVM caches for 30 s). */
    public Optional<Refusal> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return Optional.of(new Refusal(Reason.NOT_HTTP_URL, PlanHosts.originOf(url), Optional.empty()));
        }
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of(new Refusal(Reason.NOT_HTTP_URL, PlanHosts.originOf(url), Optional.empty()));
        }
        String origin = PlanHosts.originOf(url);
        Optional<String> privateAddress = privateAddressOf(uri.getHost());
        if (privateAddress.isPresent()) {
            return privateAddressesAllowed ? Optional.empty()
                : Optional.of(new Refusal(Reason.PRIVATE_ADDRESS, origin, privateAddress));
        }
        return scheme.equals("https") ? Optional.empty()
            : Optional.of(new Refusal(Reason.PLAIN_HTTP, origin, Optional.empty()));
    }

    /**
     * The private or loopback address {@code host} is or resolves to, if any. Every address of a name counts: a
     * name with one public and one private address could be connected to the private one.
     */
    private Optional<String> privateAddressOf(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        // RFC 6761: localhost and its subdomains are loopback, whatever a resolver says.
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return Optional.of(name);
        }
        List<InetAddress> addresses;
        try {
            addresses = literal(name).map(List::of).orElse(null);
            if (addresses == null) {
                addresses = resolver.addresses(name);
            }
        } catch (UnknownHostException e) {
            // Not resolvable here: an outgoing proxy (Keycloak's proxy-mappings) may resolve it, so not refused.
            return Optional.empty();
        }
        return addresses.stream().filter(OutboundTargets::isPrivate).findFirst().map(InetAddress::getHostAddress);
    }

    /** A literal IPv6 address ({@code [::1]}) or dotted IPv4 address, read without asking any resolver. */
    private static Optional<InetAddress> literal(String host) throws UnknownHostException {
        if (host.startsWith("[") && host.endsWith("]")) {
            return Optional.of(InetAddress.getByName(host.substring(1, host.length() - 1)));
        }
        return DOTTED_IPV4.matcher(host).matches() ? Optional.of(InetAddress.getByName(host)) : Optional.empty();
    }

    /** Whether Keycloak must not call {@code address} unless the development switch is on. */
    static boolean isPrivate(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            Optional<byte[]> embedded = embeddedIpv4(bytes);
            if (embedded.isPresent()) {
                return isPrivateIpv4(embedded.get());
            }
            int first = bytes[0] & 0xff;
            return address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()
                || (first & 0xfe) == 0xfc; // fc00::/7 unique-local
        }
        return address instanceof Inet4Address && isPrivateIpv4(bytes);
    }

    /**
     * The IPv4 address an IPv6 address stands for: IPv4-mapped {@code ::ffff:a.b.c.d}, the deprecated
     * IPv4-compatible {@code ::a.b.c.d} (which holds {@code ::} and {@code ::1} too, as 0.0.0.0 and 0.0.0.1), NAT64
     * {@code 64:ff9b::a.b.c.d} and 6to4 {@code 2002:aabb:ccdd::}: each reaches the IPv4 address it embeds.
     */
    private static Optional<byte[]> embeddedIpv4(byte[] v6) {
        boolean zeros = true;
        for (int i = 0; i < 10; i++) {
            zeros &= v6[i] == 0;
        }
        boolean mapped = zeros && (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff;
        boolean compatible = zeros && v6[10] == 0 && v6[11] == 0;
        if (mapped || compatible) {
            return Optional.of(Arrays.copyOfRange(v6, 12, 16));
        }
        boolean nat64 = (v6[0] & 0xff) == 0x00 && (v6[1] & 0xff) == 0x64 && (v6[2] & 0xff) == 0xff
            && (v6[3] & 0xff) == 0x9b && Arrays.equals(Arrays.copyOfRange(v6, 4, 12), new byte[8]);
        if (nat64) {
            return Optional.of(Arrays.copyOfRange(v6, 12, 16));
        }
        if ((v6[0] & 0xff) == 0x20 && (v6[1] & 0xff) == 0x02) {
            return Optional.of(Arrays.copyOfRange(v6, 2, 6));
        }
        return Optional.empty();
    }

    private static boolean isPrivateIpv4(byte[] ip) {
        int a = ip[0] & 0xff;
        int b = ip[1] & 0xff;
        return a == 0 // "this network", 0.0.0.0 included
            || a == 10 // RFC 1918
            || a == 127 // loopback
            || a == 100 && b >= 64 && b <= 127 // carrier-grade NAT, RFC 6598
            || a == 169 && b == 254 // link-local, cloud metadata services
            || a == 172 && b >= 16 && b <= 31 // RFC 1918
            || a == 192 && b == 168 // RFC 1918
            || a == 192 && b == 0 && (ip[2] & 0xff) == 0 // IETF protocol assignments, RFC 6890
            || a == 198 && (b == 18 || b == 19) // benchmarking networks, RFC 2544
            || a >= 224; // multicast, reserved, broadcast
    }
}
