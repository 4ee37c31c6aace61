package dev.payeraccess.launch;

import dev.payeraccess.cluster.KeycloakCluster;
import dev.payeraccess.demo.DemoWebhookReceiver;
import dev.payeraccess.keycloak.KeycloakServer;
import dev.payeraccess.sandbox.SandboxMain;
import dev.payeraccess.sandbox.SandboxSettings;
import java.util.concurrent.CountDownLatch;

/**
 * The README's demo: the demo app on port 3000, Keycloak with the extension and the demo realm on 8080
 * (management 9000), the payer sandbox on 8090. Ports can be moved with {@code DEMO_APP_PORT},
 * {@code KC_HTTP_PORT}, {@code KC_MANAGEMENT_PORT} and {@code SANDBOX_PORT}. Ctrl-C stops everything.
 *
 * <p>{@code --cluster}: two Keycloak nodes on a PostgreSQL server of their own behind nginx, which takes
 * {@code KC_HTTP_PORT}; the nodes get free ports (printed). Needs Debian's {@code postgresql} and {@code nginx}.
 */
public final class DemoMain {

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean cluster = cluster(args);
        System.out.println(cluster
            ? "Starting the payer sandbox, PostgreSQL, two Keycloak nodes and nginx (the first start builds "
                + "Keycloak, ~1 min)..."
            : "Starting the payer sandbox and Keycloak (the first start builds Keycloak, ~30 s)...");
        KeycloakStack.Builder builder = KeycloakStack.builder().name(cluster ? "demo-cluster" : "demo")
            .sandboxPort(port("SANDBOX_PORT", 8090))
            .httpPort(port("KC_HTTP_PORT", 8080))
            .demoAppPort(port("DEMO_APP_PORT", 3000))
            // Plans' health within half a minute of the start, instead of the production default of five minutes.
            .keycloakOption("--spi-payer-access-plan-health--scheduled--interval-seconds=30");
        KeycloakStack stack = (cluster ? builder.cluster() : builder.managementPort(port("KC_MANAGEMENT_PORT", 9000)))
            .start();
        DemoWebhookReceiver webhooks = DemoWebhookReceiver.start(port("DEMO_WEBHOOKS_PORT", 3001));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Keycloak and the sandbox...");
            try {
                webhooks.close();
                stack.close();
            } catch (Exception e) {
                System.err.println("Stopping failed: " + e.getMessage());
            }
            stopped.countDown();
        }, "demo-shutdown"));
        String kc = stack.publicUrl();
        webhooks.subscribe(kc, KeycloakStack.DEMO_REALM, "admin", "admin");
        System.out.println();
        System.out.println("Keycloak " + stack.keycloakVersion() + " with keycloak-payer-access is ready ("
            + stack.keycloak().startupTime().toSeconds() + " s)");
        System.out.println("  >> demo app:     " + stack.demoApp().url() + "/  (sign in as demo / demo)");
        System.out.println("  admin console:   " + kc + "/admin/  (admin / admin)");
        System.out.println("  account console: " + kc + "/realms/payer-demo/account/  (demo / demo)");
        System.out.println("  >> webhooks:     " + webhooks.url() + "/  (what the demo realm sent its subscribed "
            + "receiver, signatures checked)");
        if (stack.cluster().isPresent()) {
            describe(stack.cluster().get());
        } else {
            System.out.println("  server log:      " + stack.keycloak().log());
        }
        System.out.println();
        System.out.println(SandboxMain.describe(stack.sandbox(), SandboxSettings.onPort(stack.sandbox().port())));
        System.out.println();
        System.out.println("Walkthrough: open " + stack.demoApp().url()
            + "/ , Sign in (demo / demo), Connect a health plan,");
        System.out.println("  choose Demo Health Plan, Continue, then verify as Sherie778 Fahey393, 04/29/1974,");
        System.out.println("  member ID 02-testmemid, postal code 01810, any email. Back in the app: Show claims.");
        System.out.println("Reconnect prompt: on the plan's page " + stack.sandbox().urls().base()
            + "/account/connected-apps");
        System.out.println("  (02-testmemid, Fahey393, 04/29/1974) Disconnect keycloak-payer-access; in the app Show");
        System.out.println("  claims (the plan refuses: Reconnect), Sign out, Sign in: Keycloak asks \"Reconnect your");
        System.out.println("  health plan\". Each change of the link arrives at " + webhooks.url() + "/ .");
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }

    private static boolean cluster(String[] args) {
        if (args.length == 0) {
            return false;
        }
        if (args.length == 1 && args[0].equals("--cluster")) {
            return true;
        }
        throw new IllegalArgumentException("Usage: demo.sh [--cluster]; not " + String.join(" ", args));
    }

    private static void describe(KeycloakCluster cluster) {
        System.out.println("  in front:        " + cluster.front() + ", round-robin over the nodes");
        for (int node = 0; node < cluster.size(); node++) {
            KeycloakServer server = cluster.node(node);
            System.out.println("  node " + (char) ('A' + node) + ":          " + server.baseUrl() + " (management "
                + server.managementUrl() + ", log " + server.log() + ")");
        }
        System.out.println("  database:        " + cluster.database());
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
