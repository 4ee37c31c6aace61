package dev.payeraccess.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Serves the demo app (a static single-page app from {@code demo-app/} on the classpath) on its own
 * origin, as an organization's app would be, plus {@code config.json} telling it where Keycloak is.
 */
public final class DemoAppServer implements AutoCloseable {

    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
        "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "json", "application/json",
        "svg", "image/svg+xml");

    private final Server server;
    private final int port;

    private DemoAppServer(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * @param port 0 for any free port
     * @param config the JSON the app reads at {@code /config.json}: {@code keycloak}, {@code realm}, {@code clientId}
     */
    public static DemoAppServer start(int port, String config) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("localhost");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new StaticFiles(config)), "/*");
        server.setHandler(context);
        server.start();
        return new DemoAppServer(server, connector.getLocalPort());
    }

    public String url() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static final class StaticFiles extends HttpServlet {

        private static final long serialVersionUID = 1L;
        private final String config;

        StaticFiles(String config) {
            this.config = config;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String path = req.getRequestURI();
            resp.setHeader("Cache-Control", "no-store");
            if (path.equals("/config.json")) {
                resp.setContentType(TYPES.get("json"));
                resp.getOutputStream().write(config.getBytes(StandardCharsets.UTF_8));
                return;
            }
            String file = path.equals("/") || !path.matches("/[a-z0-9-]+\\.(html|js|css|svg)") ? "index.html"
                : path.substring(1);
            try (InputStream in = DemoAppServer.class.getResourceAsStream("/demo-app/" + file)) {
                if (in == null) {
                    resp.sendError(404);
                    return;
                }
                resp.setContentType(TYPES.get(file.substring(file.lastIndexOf('.') + 1)));
                in.transferTo(resp.getOutputStream());
            }
        }
    }
}
