package dev.payeraccess.plan;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What host names resolve to in a unit test, without any DNS: the names it was given, every other name unknown.
 * Tests of anything that calls out build their {@link OutboundTargets} on it.
 */
public final class ResolverTable implements OutboundTargets.Resolver {

    private final Map<String, List<InetAddress>> names = new HashMap<>();

    /** A policy without the development switch whose resolver knows no name. */
    public static OutboundTargets publicOnly() {
        return OutboundTargets.publicOnly(new ResolverTable());
    }

    /** A policy with the development switch on whose resolver knows no name. */
    public static OutboundTargets development() {
        return OutboundTargets.withPrivateAddresses(new ResolverTable());
    }

    /** @param literals IP address literals, read without a lookup */
    public ResolverTable with(String name, String... literals) {
        List<InetAddress> addresses = new ArrayList<>();
        for (String literal : literals) {
            try {
                addresses.add(InetAddress.getByName(literal));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address literal: " + literal, e);
            }
        }
        names.put(name, List.copyOf(addresses));
        return this;
    }

    @Override
    public List<InetAddress> addresses(String host) throws UnknownHostException {
        List<InetAddress> addresses = names.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        return addresses;
    }
}
