package dev.payeraccess.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.plan.PlanAnswer;
import dev.payeraccess.proxy.everything.EverythingPlan;
import dev.payeraccess.proxy.policy.AccessDecision;
import dev.payeraccess.proxy.policy.AnswerFilter;
import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.Interaction;
import dev.payeraccess.proxy.request.ProxyRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The contract's order of checks, run by {@link FhirProxy} over fake steps: each step refusing stops every later
 * one, what was held is given back once, and the answer is audited only after it has been streamed.
 */
class FhirProxyTest {

    private static final List<String> ORDER = List.of("caller", "plan", "parsed", "link", "admitted", "allowed",
        "atPlan", "answer", "relayed", "answered");
    private static final ProxyRequest GET = new ProxyRequest(ProxyRequest.Method.GET, "Coverage", Optional.empty(),
        Optional.empty(), Map.of());

    @Test
    void aRequestThatPassesRunsEveryCheckInTheContractsOrder() {
        FakeSteps steps = new FakeSteps(Optional.empty());

        new FhirProxy<>(steps).forward(GET);

        assertEquals(ORDER, steps.calls);
    }

    @Nested
    @DisplayName("Given a check that refuses")
    class Refusals {

        @ParameterizedTest(name = "{0} refuses with {1}: no later check runs")
        @CsvSource({"caller, 401", "plan, 404", "parsed, 400", "link, 409", "admitted, 429", "allowed, 403",
            "atPlan, 503", "answer, 502", "relayed, 502"})
        void noLaterCheckRunsAndTheAppGetsItsStatus(String step, int status) {
            FakeSteps steps = new FakeSteps(Optional.of(new Refusal(step, status)));

            int answered = new FhirProxy<>(steps).forward(GET);

            assertEquals(status, answered);
            List<String> expected = new ArrayList<>(ORDER.subList(0, ORDER.indexOf(step) + 1));
            expected.add("refused");
            assertEquals(expected, steps.calls);
        }

        @Test
        void whatWasHeldIsGivenBackOnceAndInReverse() {
            FakeSteps steps = new FakeSteps(Optional.of(new Refusal("answer", 504)));

            new FhirProxy<>(steps).forward(GET);

            assertEquals(List.of("atPlan", "admitted"), steps.released);
        }

        @Test
        void nothingIsHeldWhenTheCallersShareIsRefused() {
            FakeSteps steps = new FakeSteps(Optional.of(new Refusal("admitted", 429)));

            new FhirProxy<>(steps).forward(GET);

            assertTrue(steps.released.isEmpty());
        }
    }

    @Test
    void anAnswerGivesBackWhatItHeldOnlyWhenItHasBeenStreamed() {
        FakeSteps steps = new FakeSteps(Optional.empty());

        new FhirProxy<>(steps).forward(GET);
        assertFalse(steps.released.contains("admitted"), "still held while the answer streams");
        steps.streamed.run();

        assertEquals(List.of("atPlan", "admitted"), steps.released);
    }

    @Test
    void patientEverythingRunsTheSameChecksWithItsOwnDecisionAndRead() {
        FakeSteps steps = new FakeSteps(Optional.empty());

        new FhirProxy<>(steps).forward(new ProxyRequest(ProxyRequest.Method.GET, "Patient/p1/$everything",
            Optional.empty(), Optional.empty(), Map.of()));

        assertEquals(List.of("caller", "plan", "parsed", "link", "admitted", "everything", "atPlan", "readEverything",
            "answered"), steps.calls);
    }

    @Test
    void patientEverythingRefusedByItsDecisionNeverReachesThePlansGate() {
        FakeSteps steps = new FakeSteps(Optional.of(new Refusal("everything", 403)));

        int answered = new FhirProxy<>(steps).forward(new ProxyRequest(ProxyRequest.Method.GET,
            "Patient/p1/$everything", Optional.empty(), Optional.empty(), Map.of()));

        assertEquals(403, answered);
        assertEquals(List.of("caller", "plan", "parsed", "link", "admitted", "everything", "refused"), steps.calls);
        assertEquals(List.of("admitted"), steps.released);
    }

    private record Refusal(String step, int status) {
    }

    /** Records each step it is asked for; the refusing one throws a problem with its status. */
    private static final class FakeSteps implements ProxySteps<String, String, String, Integer> {
        private final Optional<Refusal> refusal;
        private final List<String> calls = new ArrayList<>();
        private final List<String> released = new ArrayList<>();
        private Runnable streamed = () -> { };

        FakeSteps(Optional<Refusal> refusal) {
            this.refusal = refusal;
        }

        private String step(String name) throws FhirProblemException {
            calls.add(name);
            if (refusal.isPresent() && refusal.get().step().equals(name)) {
                throw problem(refusal.get().status()).exception();
            }
            return name;
        }

        private static FhirProblem problem(int status) {
            return switch (status) {
                case 401 -> FhirProblem.unauthenticated("no token");
                case 404 -> FhirProblem.notFound("no plan");
                case 400 -> FhirProblem.badRequest("bad");
                case 409 -> FhirProblem.relinkRequired("relink");
                case 429 -> FhirProblem.tooManyRequests("busy", 1);
                case 403 -> FhirProblem.forbidden("scope");
                case 503 -> FhirProblem.planTemporarilyUnavailable("down", 1);
                case 504 -> FhirProblem.planTimeout("slow");
                default -> FhirProblem.planError("broken");
            };
        }

        @Override
        public String caller() throws FhirProblemException {
            return step("caller");
        }

        @Override
        public String plan() throws FhirProblemException {
            return step("plan");
        }

        @Override
        public FhirRequest parsed(String caller, String plan, ProxyRequest request) throws FhirProblemException {
            step("parsed");
            if (request.encodedPath().endsWith("$everything")) {
                return new FhirRequest(Interaction.EVERYTHING, Optional.of("Patient"), Optional.of("p1"),
                    Optional.empty(), List.of());
            }
            return new FhirRequest(Interaction.SEARCH, Optional.of("Coverage"), Optional.empty(), Optional.empty(),
                List.of());
        }

        @Override
        public String link(String caller, String plan) throws FhirProblemException {
            return step("link");
        }

        @Override
        public AutoCloseable admitted(String caller) throws FhirProblemException {
            step("admitted");
            return () -> released.add("admitted");
        }

        @Override
        public AccessDecision.Allowed allowed(String caller, String plan, String link, FhirRequest asked)
            throws FhirProblemException {
            step("allowed");
            return new AccessDecision.Allowed(asked, AnswerFilter.byTypeOnly(Set.of("Coverage")::contains));
        }

        @Override
        public AutoCloseable atPlan(String caller, String plan) throws FhirProblemException {
            step("atPlan");
            return () -> released.add("atPlan");
        }

        @Override
        public PlanAnswer answer(String caller, String plan, String link, FhirRequest forwarded, ProxyRequest request)
            throws FhirProblemException {
            step("answer");
            return null; // the fake relay below does not read it
        }

        @Override
        public Integer relayed(String plan, PlanAnswer answer, AccessDecision.Allowed allowed, FhirRequest asked,
                                ProxyRequest request) throws FhirProblemException {
            step("relayed");
            return 200;
        }

        @Override
        public EverythingPlan everything(String caller, String plan, String link, FhirRequest asked)
            throws FhirProblemException {
            step("everything");
            return new EverythingPlan(List.of("Coverage"), Optional.empty(), List.of(),
                AnswerFilter.byTypeOnly(Set.of("Coverage")::contains), List.of());
        }

        @Override
        public Integer readEverything(String caller, String plan, String link, EverythingPlan everything,
                                      FhirRequest asked, ProxyRequest request) throws FhirProblemException {
            step("readEverything");
            return 200;
        }

        @Override
        public Integer answered(Integer response, Runnable release) {
            calls.add("answered");
            streamed = release;
            return response;
        }

        @Override
        public Integer refused(FhirProblem problem) {
            calls.add("refused");
            return problem.status();
        }
    }
}
