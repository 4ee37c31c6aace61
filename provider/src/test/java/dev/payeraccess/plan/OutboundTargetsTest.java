package dev.payeraccess.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.Config;

/**
 * Where Keycloak may call out: one table of addresses, each asked of a node without the development switch and of one
 * with it. No DNS: names resolve through a {@link ResolverTable}.
 */
class OutboundTargetsTest {

    /** Names and what they resolve to in these tests. */
    private static final ResolverTable NAMES = new ResolverTable()
        .with("plan.example", "203.0.113.7")
        .with("v6.plan.example", "2001:db8::7")
        .with("intranet.example", "10.20.30.40")
        .with("metadata.example", "169.254.169.254")
        .with("split.example", "203.0.113.8", "192.168.1.9")
        .with("mapped.example", "::ffff:127.0.0.1");

    private static final OutboundTargets PUBLIC_ONLY = OutboundTargets.publicOnly(NAMES);
    private static final OutboundTargets DEVELOPMENT = OutboundTargets.withPrivateAddresses(NAMES);

    private static Optional<OutboundTargets.Reason> reason(OutboundTargets targets, String url) {
        return targets.refusal(url).map(OutboundTargets.Refusal::reason);
    }

    @Nested
    class GivenANodeWithoutTheDevelopmentSwitch {

        @ParameterizedTest
        @ValueSource(strings = {
            "https://127.0.0.1/r4", "https://127.8.9.10/r4", "https://[::1]/r4", "https://localhost/r4",
            "https://LOCALHOST./r4", "https://plan.localhost/r4",
            "https://0.0.0.0/r4", "https://0.1.2.3/r4", "https://[::]/r4",
            "https://169.254.169.254/latest/meta-data", "https://169.254.1.1/r4", "https://[fe80::1]/r4",
            "https://10.0.0.1/r4", "https://172.16.0.1/r4", "https://172.31.255.255/r4", "https://192.168.0.1/r4",
            "https://[fc00::1]/r4", "https://[fd12:3456::1]/r4", "https://[fec0::1]/r4",
            "https://100.64.0.1/r4", "https://100.127.255.254/r4",
            "https://224.0.0.1/r4", "https://[ff02::1]/r4", "https://255.255.255.255/r4",
            "https://[::ffff:127.0.0.1]/r4", "https://[::ffff:a9fe:a9fe]/r4", "https://[::ffff:10.0.0.1]/r4",
            "https://[64:ff9b::7f00:1]/r4", "https://[2002:c0a8:0101::1]/r4",
            "https://intranet.example/r4", "https://metadata.example/r4", "https://split.example/r4",
            "https://mapped.example/r4",
            "http://127.0.0.1:8090/r4", "http://localhost:8090/r4", "http://intranet.example/r4",
        })
        void privateAndLoopbackAddressesAreRefusedLiteralOrResolved(String url) {
            assertEquals(Optional.of(OutboundTargets.Reason.PRIVATE_ADDRESS), reason(PUBLIC_ONLY, url), url);
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "https://plan.example/r4", "https://v6.plan.example/r4", "https://203.0.113.7/r4",
            "https://[2001:db8::7]/r4", "https://172.32.0.1/r4", "https://100.128.0.1/r4", "https://8.8.8.8/r4",
            "https://192.169.0.1/r4",
        })
        void httpsToAPublicAddressIsAllowed(String url) {
            assertEquals(Optional.empty(), reason(PUBLIC_ONLY, url), url);
        }

        @Test
        void aNameThatDoesNotResolveHereIsNotRefusedForThat() {
            // An outgoing proxy (Keycloak's proxy-mappings) may resolve what this node cannot.
            assertEquals(Optional.empty(), reason(PUBLIC_ONLY, "https://unknown.plan.example/r4"));
        }

        @Test
        void plainHttpToAPublicAddressIsRefused() {
            assertEquals(Optional.of(OutboundTargets.Reason.PLAIN_HTTP), reason(PUBLIC_ONLY, "http://plan.example/r4"));
            assertEquals(Optional.of(OutboundTargets.Reason.PLAIN_HTTP),
                reason(PUBLIC_ONLY, "http://unknown.plan.example/r4"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp://plan.example/r4", "/r4/Patient", "https:///r4", "not a url"})
        void whatIsNotAnAbsoluteHttpUrlIsRefused(String url) {
            assertEquals(Optional.of(OutboundTargets.Reason.NOT_HTTP_URL), reason(PUBLIC_ONLY, url), url);
        }

        @Test
        void aRefusalToAnAppNamesTheOriginOnly() {
            OutboundTargets.Refusal refusal = PUBLIC_ONLY.refusal(
                "https://intranet.example:8443/r4/Patient?name=Jane&_id=42").orElseThrow();

            assertEquals("Keycloak does not call private or loopback addresses, and https://intranet.example:8443 "
                + "is one.", refusal.toApp());
        }

        @Test
        void aRefusalToAnAdministratorNamesTheFieldTheAddressAndWhatToDo() {
            String said = PUBLIC_ONLY.refusal("https://metadata.example/r4").orElseThrow()
                .toAdministrator("fhirBaseUrl", "https://metadata.example/r4");

            assertEquals("fhirBaseUrl 'https://metadata.example/r4' is a private or loopback address "
                + "(169.254.169.254): Keycloak does not call private or loopback addresses. Enter the plan's public "
                + "https endpoint; for a plan simulator on this machine or network, start Keycloak with "
                + "--spi-payer-access-plan-connections--fresh--allow-private-addresses=true (development only).",
                said);
        }
    }

    @Nested
    class GivenANodeWithTheDevelopmentSwitch {

        @ParameterizedTest
        @ValueSource(strings = {
            "https://127.0.0.1/r4", "http://127.0.0.1:8090/r4", "http://localhost:8090/r4", "http://[::1]:8090/r4",
            "http://intranet.example/r4", "https://metadata.example/r4", "http://[::ffff:127.0.0.1]:8090/r4",
            "https://plan.example/r4",
        })
        void privateAndLoopbackAddressesAreAllowedOverHttpToo(String url) {
            assertEquals(Optional.empty(), reason(DEVELOPMENT, url), url);
        }

        @Test
        void plainHttpToAPublicAddressStaysRefused() {
            assertEquals(Optional.of(OutboundTargets.Reason.PLAIN_HTTP), reason(DEVELOPMENT, "http://plan.example/r4"));
            assertEquals(Optional.of(OutboundTargets.Reason.PLAIN_HTTP),
                reason(DEVELOPMENT, "http://unknown.plan.example/r4"));
        }

        @Test
        void whatAProductionNodeWouldSayIsStillKnown() {
            assertTrue(DEVELOPMENT.privateAddressesAllowed());
            assertFalse(DEVELOPMENT.withoutDevelopmentSwitch().privateAddressesAllowed());
            assertEquals(Optional.of(OutboundTargets.Reason.PRIVATE_ADDRESS),
                reason(DEVELOPMENT.withoutDevelopmentSwitch(), "http://localhost:8090/r4"));
        }
    }

    @Nested
    class GivenTheNodeOptions {

        /** Through Keycloak's own {@link Config.Scope} of system properties, under a prefix of this test's own. */
        private OutboundTargets read(Map<String, String> options) {
            String prefix = "payer-access-test." + UUID.randomUUID() + ".";
            options.forEach((key, value) -> System.setProperty(prefix + key, value));
            try {
                return FreshPlanConnectionsFactory.targets(new Config.SystemPropertiesScope(prefix));
            } finally {
                options.keySet().forEach(key -> System.clearProperty(prefix + key));
            }
        }

        @Test
        void withoutTheOptionPrivateAddressesAreRefused() {
            assertFalse(read(Map.of()).privateAddressesAllowed());
            assertFalse(read(Map.of(FreshPlanConnectionsFactory.ALLOW_PRIVATE_ADDRESSES, "false"))
                .privateAddressesAllowed());
        }

        @Test
        void theOptionTurnsTheSwitchOn() {
            assertTrue(read(Map.of(FreshPlanConnectionsFactory.ALLOW_PRIVATE_ADDRESSES, "true"))
                .privateAddressesAllowed());
        }

        @Test
        void theSwitchNamedInMessagesIsTheOptionTheFactoryReads() {
            // Keycloak maps --spi-{spi}--{provider}--{kebab-case-name} to the camelCase name the factory asks for.
            String kebab = FreshPlanConnectionsFactory.ALLOW_PRIVATE_ADDRESSES.replaceAll("([A-Z])", "-$1")
                .toLowerCase(java.util.Locale.ROOT);
            assertEquals("--spi-payer-access-plan-connections--" + new FreshPlanConnectionsFactory().getId() + "--"
                + kebab + "=true", OutboundTargets.DEVELOPMENT_SWITCH);
            assertTrue(new FreshPlanConnectionsFactory().getConfigMetadata().stream()
                .anyMatch(p -> p.getName().equals(FreshPlanConnectionsFactory.ALLOW_PRIVATE_ADDRESSES)));
        }
    }
}
