package dev.payeraccess.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One in-process sandbox per test class on a free port, back to normal (switches, clock) before each test. */
abstract class SandboxTest {

    static PayerSandbox sandbox;
    static SandboxClient client;

    @BeforeAll
    static void startSandbox() throws Exception {
        sandbox = PayerSandbox.start(SandboxSettings.onPort(0));
        client = new SandboxClient(sandbox.urls());
    }

    @AfterAll
    static void stopSandbox() throws Exception {
        sandbox.close();
    }

    @BeforeEach
    void resetSandbox() {
        sandbox.reset();
    }
}
