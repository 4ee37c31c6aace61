package dev.payeraccess.launch;

import dev.payeraccess.sandbox.SandboxMain;
import dev.payeraccess.sandbox.SandboxSettings;
import java.util.concurrent.CountDownLatch;

/**
 * The README's demo: the demo app on port 3000, Keycloak with the extension and the demo realm on 8080
 * (management 9000), the payer sandbox on 8090. Ports can be moved with {@code DEMO_APP_PORT},
 * {@code KC_HTTP_PORT}, {@code KC_MANAGEMENT_PORT} and {@code SANDBOX_PORT}. Ctrl-C stops everything.
 */
public final class DemoMain {

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("Starting the payer sandbox and Keycloak (the first start builds Keycloak, ~30 s)...");
        KeycloakStack stack = KeycloakStack.builder().name("demo")
            .sandboxPort(port("SANDBOX_PORT", 8090))
            .httpPort(port("KC_HTTP_PORT", 8080))
            .managementPort(port("KC_MANAGEMENT_PORT", 9000))
            .demoAppPort(port("DEMO_APP_PORT", 3000))
            .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Keycloak and the sandbox...");
            try {
                stack.close();
            } catch (Exception e) {
                System.err.println("Stopping failed: " + e.getMessage());
            }
            stopped.countDown();
        }, "demo-shutdown"));
        String kc = stack.keycloak().baseUrl();
        System.out.println();
        System.out.println("Keycloak " + stack.keycloakVersion() + " with keycloak-payer-access is ready ("
            + stack.keycloak().startupTime().toSeconds() + " s)");
        System.out.println("  >> demo app:     " + stack.demoApp().url() + "/  (sign in as demo / demo)");
        System.out.println("  admin console:   " + kc + "/admin/  (admin / admin)");
        System.out.println("  account console: " + kc + "/realms/payer-demo/account/  (demo / demo)");
        System.out.println("  server log:      " + stack.keycloak().log());
        System.out.println();
        System.out.println(SandboxMain.describe(stack.sandbox(), SandboxSettings.onPort(stack.sandbox().port())));
        System.out.println();
        System.out.println("Walkthrough: open " + stack.demoApp().url() + "/ , Sign in (demo / demo), Connect a health plan,");
        System.out.println("  choose Demo Health Plan, Continue, then verify as Sherie778 Fahey393, 04/29/1974,");
        System.out.println("  member ID 02-testmemid, postal code 01810, any email. Back in the app: Show claims.");
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
