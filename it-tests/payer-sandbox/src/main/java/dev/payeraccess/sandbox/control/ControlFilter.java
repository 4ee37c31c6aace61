package dev.payeraccess.sandbox.control;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * In front of every endpoint: ends the request's connection instead of answering when the tests' connection
 * switches say so ({@link KeepAliveConnections}), records the request, then applies the latency and fault the tests
 * set in {@link SandboxControls} before the real endpoint answers, and the answer delay after it acted.
 */
public final class ControlFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final long HANG_MILLIS = Duration.ofMinutes(10).toMillis();

    private final transient SandboxControls controls;
    private final transient Clock clock;
    private final transient FhirContext fhir = FhirContext.forR4Cached();
    private final transient KeepAliveConnections connections;

    public ControlFilter(SandboxControls controls, Clock clock) {
        this.controls = controls;
        this.clock = clock;
        this.connections = new KeepAliveConnections(controls);
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
        throws IOException, ServletException {
        if (!connections.arrived(req)) {
            return; // its connection was just ended: the request reaches no endpoint and gets no answer
        }
        try {
            control(req, resp, chain);
        } finally {
            if (!req.isAsyncStarted()) {
                connections.answered(req);
            }
        }
    }

    private void control(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
        throws IOException, ServletException {
        Optional<Area> area = Area.of(req.getRequestURI());
        if (area.isEmpty()) {
            chain.doFilter(req, resp);
            return;
        }
        controls.record(new ReceivedRequest(clock.instant(), area.get(), req.getMethod(), req.getRequestURI(),
            req.getQueryString(), headers(req), area.get() == Area.TOKEN
                ? Optional.ofNullable(req.getParameter("grant_type")) : Optional.empty()));
        pause(controls.latency(area.get(), req.getRequestURI()));
        if (area.get() == Area.FHIR) {
            pause(controls.fhirLatencyAtHost(req.getServerName()));
        }
        Optional<SandboxControls.ServedDocument> document = controls.servedDocument(req.getRequestURI());
        if (document.isPresent()) {
            resp.setStatus(200);
            resp.setContentType(document.get().contentType());
            resp.setContentLength(document.get().body().length);
            resp.getOutputStream().write(document.get().body());
            return;
        }
        Optional<Fault> fault = area.get() == Area.FHIR ? controls.fhirFaultAtHost(req.getServerName())
            : Optional.empty();
        fault = fault.isPresent() ? fault : controls.takeFault(area.get());
        if (fault.isPresent()) {
            answer(req, resp, area.get(), fault.get());
            return;
        }
        chain.doFilter(req, resp);
        // The endpoints write small answers into the response buffer; it is sent when this filter returns.
        pause(controls.answerDelay(area.get()));
    }

    private void answer(HttpServletRequest req, HttpServletResponse resp, Area area, Fault fault) throws IOException {
        fault.retryAfter().ifPresent(wait -> resp.setHeader("Retry-After", String.valueOf(wait.toSeconds())));
        switch (fault.body()) {
            case HANG -> {
                // Async, so a hanging request does not hold one of Jetty's threads.
                AsyncContext async = req.startAsync();
                async.setTimeout(HANG_MILLIS);
            }
            case EMPTY -> resp.setStatus(fault.status());
            case GARBAGE -> {
                resp.setStatus(fault.status());
                resp.setContentType("text/html;charset=utf-8");
                resp.getWriter().write("<html><body><h1>502 Bad Gateway</h1>upstream hiccup</body></html>");
            }
            case ERROR_DOCUMENT -> writeErrorDocument(resp, area, fault.status());
            case CUT_OFF -> cutOff(resp, fault.status());
        }
    }

    /**
     * Promises more than it sends: when the filter returns, Jetty sees the answer short of its Content-Length and
     * closes the connection, so the client reads half a document and then an early end of the stream.
     */
    private static void cutOff(HttpServletResponse resp, int status) throws IOException {
        byte[] start = ("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"fullUrl\":"
            + "\"Coverage/cut\",\"resource\":{\"resourceType\":\"Coverage\",\"id\":\"cut\"}},")
            .getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("application/fhir+json;charset=utf-8");
        resp.setContentLength(start.length * 100);
        resp.getOutputStream().write(start);
        resp.getOutputStream().flush();
    }

    private void writeErrorDocument(HttpServletResponse resp, Area area, int status) throws IOException {
        resp.setStatus(status);
        if (area == Area.FHIR) {
            OperationOutcome outcome = new OperationOutcome();
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(issueType(status))
                .setDiagnostics("Injected failure: HTTP " + status);
            resp.setContentType("application/fhir+json;charset=utf-8");
            resp.getWriter().write(fhir.newJsonParser().encodeResourceToString(outcome));
            return;
        }
        resp.setContentType("application/json;charset=utf-8");
        String error = status >= 500 ? "server_error" : "invalid_request";
        resp.getWriter().write("{\"error\":\"" + error + "\",\"error_description\":\"Injected failure: HTTP "
            + status + "\"}");
    }

    private static OperationOutcome.IssueType issueType(int status) {
        if (status == 429) {
            return OperationOutcome.IssueType.THROTTLED;
        }
        return status >= 500 ? OperationOutcome.IssueType.EXCEPTION : OperationOutcome.IssueType.PROCESSING;
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, List<String>> headers(HttpServletRequest req) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), Collections.list(req.getHeaders(name)));
        }
        return headers;
    }
}
