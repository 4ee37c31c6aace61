package dev.payeraccess.it;

import dev.payeraccess.launch.KeycloakStack;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving integration tests the running stack: the payer sandbox and one real
 * Keycloak with the extension, started on first use and stopped when the test run ends (the root
 * context's store closes it, also after failures). Test classes share it, so each test works in its
 * own realm or user; the sandbox's switches are reset before every class and every test.
 */
public final class PayerAccessStack implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final String WORK_DIR_PROPERTY = "payer-access.work-dir";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PayerAccessStack.class);

    /** Closes the stack when JUnit closes the root store at the end of the run. */
    private record Running(KeycloakStack stack) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            stack.close();
        }
    }

    /** Every class, and every test, starts with a well-behaved sandbox: no faults, latency or refusals, counters at zero. */
    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context).sandbox().reset();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        stack(context).sandbox().reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KeycloakStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    static KeycloakStack stack(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
            .getOrComputeIfAbsent(Running.class, key -> start(), Running.class).stack();
    }

    /** This module's {@code target/} as failsafe names it, so the server log is {@code target/logs/keycloak-it.log}. */
    private static Path workDir() {
        String dir = System.getProperty(WORK_DIR_PROPERTY);
        if (dir == null) {
            throw new IllegalStateException(WORK_DIR_PROPERTY + " is not set: run the integration tests with Maven "
                + "(failsafe sets it), or set it to it-tests/integration-tests/target");
        }
        return Path.of(dir);
    }

    private static Running start() {
        try {
            KeycloakStack stack = KeycloakStack.builder().name("it").workDir(workDir()).importRealmTemplates().start();
            System.out.println("Test stack up: " + stack + "; Keycloak started in "
                + stack.keycloak().startupTime().toMillis() + " ms");
            return new Running(stack);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start Keycloak and the payer sandbox", e);
        }
    }
}
