package dev.payeraccess.proxy.allplans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.fhir.FhirProblemException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AllPlansQueryTest {

    @Test
    void forwardsTheSearchAsAskedWithThePageSize() throws Exception {
        AllPlansQuery query = AllPlansQuery.parse(Optional.of("type=professional&_sort=-created"));
        assertEquals(Optional.of("type=professional&_sort=-created&_count=20"), query.forwardedQuery());
        assertEquals(20, query.count());
        assertEquals("-created", query.sort().orElseThrow().value());
        AllPlansQuery counted = AllPlansQuery.parse(Optional.of("_count=5"));
        assertEquals(Optional.of("_count=5"), counted.forwardedQuery());
        assertEquals(5, counted.count());
        assertEquals(Optional.of("_count=20"), AllPlansQuery.parse(Optional.empty()).forwardedQuery());
    }

    @Test
    void refusesParametersThatNameAPatientOfOnePlan() {
        for (String query : new String[] {"patient=123", "subject:Patient=1", "beneficiary.identifier=x",
            "patient%3Amissing=true"}) {
            FhirProblemException refused = assertThrows(FhirProblemException.class,
                () -> AllPlansQuery.parse(Optional.of(query)), query);
            assertEquals(400, refused.problem().status());
            assertTrue(refused.problem().diagnostics().contains("fhir/{alias}"), refused.problem().diagnostics());
        }
    }

    @Test
    void aNextPageTakesTheCursorAlone() throws Exception {
        assertEquals(Optional.of("abc.def"), AllPlansQuery.parse(Optional.of("_cursor=abc.def")).cursor());
        assertEquals(400, assertThrows(FhirProblemException.class,
            () -> AllPlansQuery.parse(Optional.of("_cursor=abc.def&type=x"))).problem().status());
    }

    @Test
    void refusesPageSizesOutOfRangeAndSortsItCannotMerge() {
        for (String query : new String[] {"_count=0", "_count=201", "_count=many", "_sort=name"}) {
            assertEquals(400, assertThrows(FhirProblemException.class,
                () -> AllPlansQuery.parse(Optional.of(query)), query).problem().status());
        }
    }

    @Test
    void refusesAQueryLongerThanACursorKeeps() throws Exception {
        String longest = "type=" + "x".repeat(AllPlansQuery.MAX_QUERY_CHARS - 5);
        assertEquals(Optional.of(longest + "&_count=20"), AllPlansQuery.parse(Optional.of(longest)).forwardedQuery());
        FhirProblemException refused = assertThrows(FhirProblemException.class,
            () -> AllPlansQuery.parse(Optional.of(longest + "x")));
        assertEquals(400, refused.problem().status());
        assertTrue(refused.problem().diagnostics().contains("at most 2048 characters"),
            refused.problem().diagnostics());
    }
}
