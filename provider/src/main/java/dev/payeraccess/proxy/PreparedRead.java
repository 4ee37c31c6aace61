package dev.payeraccess.proxy;

import dev.payeraccess.audit.ProxiedRequest;
import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.plan.AccessTokenSource;
import dev.payeraccess.plan.PlanAnswer;
import dev.payeraccess.plan.PlanFhirCall;
import dev.payeraccess.plan.PlanProblem;
import dev.payeraccess.proxy.everything.EmulatedEverything.PlanPages;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/**
 * One plan's search (or {@code $everything}) as part of a read across the member's plans ({@code fhir/_all}): every
 * check of the single-plan request already passed on the request thread (see {@link KeycloakProxySteps#prepared}),
 * the member's token already in hand, and the admission and the slot at the plan held. What is left, the calls and
 * the rewrite of the answer, touches no {@code KeycloakSession} and may run on another thread; {@link #ended} runs on
 * the request thread again.
 */
public final class PreparedRead {

    /** The plan's answer as the single-plan request would have sent it, read through {@code plan}. */
    interface Relay {
        Response relayed(PlanPages plan) throws FhirProblemException;
    }

    private final String alias;
    private final PlanFhirCall call;
    private final String token;
    private final Relay relay;
    private final PlanThrottling throttling;
    private final HeldResources held;
    private final KeycloakProxySteps steps;

    PreparedRead(String alias, PlanFhirCall call, String token, Relay relay, PlanThrottling throttling,
                 HeldResources held, KeycloakProxySteps steps) {
        this.alias = alias;
        this.call = call;
        this.token = token;
        this.relay = relay;
        this.throttling = throttling;
        this.held = held;
        this.steps = steps;
    }

    public String alias() {
        return alias;
    }

    /**
     * Off the request thread: reads the plan and writes its answer to {@code out}, rewritten exactly as the
     * single-plan request's (URLs, page links, entries the caller may not see left out).
     *
     * @return the plan's status: 2xx, or the plan's own 4xx FHIR answer
     * @throws FhirProblemException what a single-plan request would have answered instead (502, 504, the plan's wait)
     * @throws IOException when the answer breaks off mid-stream, or {@code out} fails
     */
    public int readInto(OutputStream out) throws FhirProblemException, IOException {
        Response relayed = relay.relayed(this::read);
        if (relayed.getEntity() instanceof StreamingOutput body) {
            body.write(out);
        }
        return relayed.getStatus();
    }

    /** One call at the plan with the token in hand, within the request's deadline. */
    private PlanAnswer read(String url) throws FhirProblemException {
        try {
            return call.read(url, Map.of(), new HeldToken());
        } catch (PlanProblem e) {
            throw throttling.problemOf(e).exception();
        }
    }

    /**
     * On the request thread, once: gives back the admission and the slot, and records this plan's audit event.
     *
     * @param error the audit's short code when the plan's part did not end well
     * @param cutOff whether the plan's answer was cut off after it began
     */
    public void ended(int status, Optional<String> error, boolean cutOff) {
        held.close();
        steps.ended(status, error, cutOff ? ProxiedRequest.Outcome.ABORTED : ProxiedRequest.Outcome.COMPLETE);
    }

    /**
     * The token read on the request thread. Renewing one the plan rejected needs the session, which this thread may
     * not touch: that plan's part ends, and a read of the plan alone renews it.
     */
    private final class HeldToken implements AccessTokenSource<FhirProblemException> {
        @Override
        public String current() {
            return token;
        }

        @Override
        public String renewedAfterRejection(String rejected) throws FhirProblemException {
            throw FhirProblem.planRejectedToken("Plan " + alias + " did not accept the member's token. A read at "
                + "fhir/" + alias + " renews it; then search across the plans again.").exception();
        }
    }
}
