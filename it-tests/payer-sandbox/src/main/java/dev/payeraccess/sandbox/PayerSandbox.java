package dev.payeraccess.sandbox;

import dev.payeraccess.sandbox.control.ControlFilter;
import dev.payeraccess.sandbox.control.SandboxClock;
import dev.payeraccess.sandbox.control.SandboxControls;
import dev.payeraccess.sandbox.fhir.FhirEndpoints;
import dev.payeraccess.sandbox.fhir.FhirHosts;
import dev.payeraccess.sandbox.oauth.AuthorizeServlet;
import dev.payeraccess.sandbox.oauth.ClientAuthentication;
import dev.payeraccess.sandbox.oauth.ConnectedAppsServlet;
import dev.payeraccess.sandbox.oauth.DiscoveryServlet;
import dev.payeraccess.sandbox.oauth.Grants;
import dev.payeraccess.sandbox.oauth.IdTokens;
import dev.payeraccess.sandbox.oauth.RegisteredClients;
import dev.payeraccess.sandbox.oauth.RevokeServlet;
import dev.payeraccess.sandbox.oauth.TokenServlet;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A health-plan simulator shaped like the seeds' 1upHealth Demo Health Plan: an OAuth 2.0 authorization
 * server with a member verification page and a FHIR R4 API with synthetic members, on one port.
 * Tests start it in-process and steer it through {@link #controls()}; the demo runs {@link SandboxMain}.
 */
public final class PayerSandbox implements AutoCloseable {

    private final Server server;
    private final SandboxControls controls;
    private final SandboxClock clock;
    private final Grants grants;

    private PayerSandbox(Server server, SandboxControls controls, SandboxClock clock, Grants grants) {
        this.server = server;
        this.controls = controls;
        this.clock = clock;
        this.grants = grants;
    }

    public static PayerSandbox start(SandboxSettings settings) throws Exception {
        SandboxControls controls = new SandboxControls();
        SandboxClock clock = new SandboxClock();
        Grants grants = new Grants(clock, controls);
        RegisteredClients clients = new RegisteredClients(settings.clients());
        ClientAuthentication clientAuthentication = ClientAuthentication.of(clients, controls);
        IdTokens idTokens = new IdTokens(clock);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        FilterHolder control = new FilterHolder(new ControlFilter(controls, clock));
        control.setAsyncSupported(true);
        context.addFilter(control, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new AuthorizeServlet(clients, grants, controls)), "/oauth2/authorize/*");
        context.addServlet(new ServletHolder(new TokenServlet(clientAuthentication, grants, idTokens, controls)),
            "/oauth2/token");
        context.addServlet(new ServletHolder(new RevokeServlet(clientAuthentication, grants)), "/oauth2/revoke");
        context.addServlet(new ServletHolder(new ConnectedAppsServlet(grants)), "/account/connected-apps");
        DiscoveryServlet discovery = new DiscoveryServlet(controls, idTokens, settings.discoveredTrack());
        context.addServlet(new ServletHolder(discovery), "/oauth2/jwks");
        context.addServlet(new ServletHolder(discovery), "/r4/.well-known/smart-configuration");
        FhirHosts hosts = new FhirHosts();
        FhirEndpoints.register(context, grants, controls, hosts);

        Server server = new Server();
        server.addConnector(connector(server, settings, settings.port()));
        // The plan's second host: the same endpoints on another port, where paging links may point.
        server.addConnector(connector(server, settings, 0));
        server.setHandler(context);
        server.setStopAtShutdown(true);
        server.start();
        PayerSandbox sandbox = new PayerSandbox(server, controls, clock, grants);
        hosts.listening(sandbox.urls().fhirBase(), sandbox.urls().pagingHostBase(), sandbox.pagingHostPort());
        return sandbox;
    }

    private static ServerConnector connector(Server server, SandboxSettings settings, int port) {
        ServerConnector connector = new ServerConnector(server);
        settings.bindHost().ifPresent(connector::setHost);
        connector.setPort(port);
        return connector;
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** The port of the plan's second host (see {@link SandboxControls#nextLinksOnSecondHost}). */
    public int pagingHostPort() {
        return ((ServerConnector) server.getConnectors()[1]).getLocalPort();
    }

    /**
     * The sandbox's URLs as a local client reaches them; the second host is spelled {@code 127.0.0.1} so it differs
     * from the first ({@code localhost}) by name as well as by port.
     */
    public PlanUrls urls() {
        return new PlanUrls("http://localhost:" + port(), "http://127.0.0.1:" + pagingHostPort());
    }

    public SandboxControls controls() {
        return controls;
    }

    public SandboxClock clock() {
        return clock;
    }

    public Grants grants() {
        return grants;
    }

    /** Back to a well-behaved plan at the current time; issued tokens stay as they are. */
    public void reset() {
        controls.reset();
        clock.reset();
    }

    /** Blocks until the sandbox stops (for the standalone program). */
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
