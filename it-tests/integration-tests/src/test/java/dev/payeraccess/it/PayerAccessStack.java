package dev.payeraccess.it;

import dev.payeraccess.keycloak.KeycloakServer;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.PayerSandbox;
import dev.payeraccess.sandbox.SandboxSettings;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving integration tests the running stack: the payer sandbox and one real
 * Keycloak with the extension, each started on first use and stopped when the test run ends (the root
 * context's store closes them, also after failures). Test classes share them, so each test works in its
 * own realm or user; the sandbox's switches are reset before every class and every test. After every test, that
 * Keycloak's whole log must hold no payer token the sandbox ever issued, so a test that leaks one fails itself,
 * whatever ran before it.
 *
 * <p>A test asking for a {@link PayerSandbox} gets the shared sandbox without starting that Keycloak: the
 * compatibility and cluster tests start Keycloaks of their own against it.
 */
public final class PayerAccessStack implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
    ParameterResolver {

    private static final String WORK_DIR_PROPERTY = "payer-access.work-dir";
    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(PayerAccessStack.class);

    /** Closes the stack when JUnit closes the root store at the end of the run. */
    private record Running(KeycloakStack stack) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            stack.close();
        }
    }

    /** The sandbox every Keycloak of the run talks to; closed after the stacks that use it (stored first). */
    private record SharedSandbox(PayerSandbox sandbox)
        implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            sandbox.close();
        }
    }

    /**
     * Every class, and every test, starts with a well-behaved sandbox: no faults, latency or refusals, counters at
     * zero.
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        sandbox(context).reset();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        sandbox(context).reset();
    }

    /** Checks the shared Keycloak's log, if a test of the run started it (the cluster and compat tests need not). */
    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        Running running = context.getRoot().getStore(NAMESPACE).get(Running.class, Running.class);
        if (running == null) {
            return;
        }
        KeycloakServer keycloak = running.stack().keycloak();
        PayerTokens.assertNoneLeakedInto(running.stack(), keycloak.logText(),
            "the Keycloak log " + keycloak.log() + " after " + context.getDisplayName());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KeycloakStack.class || type == PayerSandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PayerSandbox.class ? sandbox(context) : stack(context);
    }

    static KeycloakStack stack(ExtensionContext context) {
        PayerSandbox sandbox = sandbox(context);
        return context.getRoot().getStore(NAMESPACE)
            .getOrComputeIfAbsent(Running.class, key -> start(sandbox), Running.class).stack();
    }

    static PayerSandbox sandbox(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
            .getOrComputeIfAbsent(SharedSandbox.class, key -> startSandbox(), SharedSandbox.class).sandbox();
    }

    /** This module's {@code target/} as failsafe names it, so the server log is {@code target/logs/keycloak-it.log}. */
    static Path workDir() {
        String dir = System.getProperty(WORK_DIR_PROPERTY);
        if (dir == null) {
            throw new IllegalStateException(WORK_DIR_PROPERTY + " is not set: run the integration tests with Maven "
                + "(failsafe sets it), or set it to it-tests/integration-tests/target");
        }
        return Path.of(dir);
    }

    private static SharedSandbox startSandbox() {
        try {
            return new SharedSandbox(PayerSandbox.start(SandboxSettings.onPort(0)));
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the payer sandbox", e);
        }
    }

    private static Running start(PayerSandbox sandbox) {
        try {
            // No scheduled plan probes: they would count as plan requests in tests that check the plan was not
            // called. PlanHealthIT probes through the admin API; KeycloakClusterIT runs the schedule.
            // Background renewal every second, for TokenRenewalIT's refresh tokens that lapse after seconds; it renews
            // only links whose refresh tokens lapse when unused, which no other test's plan has.
            KeycloakStack stack = KeycloakStack.builder().name("it").workDir(workDir()).sandbox(sandbox)
                .importRealmTemplates().keycloakOption("--spi-payer-access-plan-health--scheduled--interval-seconds=0")
                .keycloakOption("--spi-payer-access-link-renewal--scheduled--interval-seconds=1")
                // A webhook delivery round every second, so WebhooksIT does not wait for the 5-second default.
                .keycloakOption("--spi-payer-access-lifecycle-sink--webhooks--interval-seconds=1")
                // Reconnect e-mails on; only realms with SMTP settings (WebhooksIT's mail server) get any.
                .keycloakOption("--spi-payer-access-lifecycle-sink--reconnect-email--mail-members=true")
                .start();
            System.out.println("Test stack up: " + stack + "; Keycloak started in "
                + stack.keycloak().startupTime().toMillis() + " ms");
            return new Running(stack);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start Keycloak and the payer sandbox", e);
        }
    }
}
