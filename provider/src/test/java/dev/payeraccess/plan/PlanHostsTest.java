package dev.payeraccess.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a member's token may go: the plan's FHIR base and its paging hosts, and nothing that walks out of them. */
class PlanHostsTest {

    private static final PlanHosts PLAN = new PlanHosts("https://api.plan.example/r4",
        List.of("https://cdn.plan.example", "https://gw.plan.example/fhir/r4"));

    @ParameterizedTest
    @ValueSource(strings = {
        "https://api.plan.example/r4",
        "https://api.plan.example/r4/Coverage?patient=1&_offset=10",
        "https://api.plan.example/r4?_getpages=abc",
        "https://cdn.plan.example/pages/Coverage?cursor=a%2Fb",
        "https://cdn.plan.example?page=2",
        "https://gw.plan.example/fhir/r4/ExplanationOfBenefit?page=3&ct=x%3D%3D",
        "https://gw.plan.example/fhir/r4/",
    })
    void admitsTheBaseAndThePagingHosts(String url) {
        assertTrue(PLAN.admits(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://evil.example/r4/Coverage",
        "https://api.plan.example/r4x/Coverage",
        "https://api.plan.example/other",
        "https://cdn.plan.example.evil.example/pages",
        "https://cdn.plan.example@evil.example/pages",
        "https://cdn.plan.example:8443/pages",
        "http://cdn.plan.example/pages",
        "https://gw.plan.example/fhir/admin",
        // walks out of a base once a server decodes or normalises the path
        "https://gw.plan.example/fhir/r4/../../admin",
        "https://gw.plan.example/fhir/r4/./Coverage",
        "https://gw.plan.example/fhir/r4/%2e%2e/admin",
        "https://gw.plan.example/fhir/r4/..%2Fadmin",
        "https://gw.plan.example/fhir/r4/Coverage%2F..%2F..%2Fadmin",
        "https://gw.plan.example/fhir/r4/Coverage%5c..",
        "https://gw.plan.example/fhir/r4//admin",
        "https://gw.plan.example/fhir/r4/a\\..\\admin",
        "https://gw.plan.example/fhir/r4/Coverage%00",
        "https://gw.plan.example/fhir/r4/Coverage#fragment",
        "https://gw.plan.example/fhir/r4/Coverage?x=1 2",
        "",
    })
    void refusesEverythingElse(String url) {
        assertFalse(PLAN.admits(url), url);
    }

    @Test
    void namesThePagingHostAUrlIsUnder() {
        assertEquals(OptionalInt.of(0), PLAN.pagingHostOf("https://cdn.plan.example/pages?p=2"));
        assertEquals(OptionalInt.of(1), PLAN.pagingHostOf("https://gw.plan.example/fhir/r4/Coverage?p=2"));
        assertEquals(OptionalInt.empty(), PLAN.pagingHostOf("https://api.plan.example/r4/Coverage?p=2"),
            "the FHIR base is not a paging host");
    }

    @Test
    void aLogLineGetsTheOriginOnly() {
        assertEquals("https://evil.example", PlanHosts.originOf("https://evil.example/r4/Patient/123?name=Fahey"));
        assertEquals("http://127.0.0.1:8091", PlanHosts.originOf("http://127.0.0.1:8091/r4?_getpages=abc"));
        assertFalse(PlanHosts.originOf("not a url: Patient/123").contains("Patient"));
    }
}
