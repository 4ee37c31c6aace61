package dev.payeraccess.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whom a resource is about, as the pinning parameter of its type says, for patient/ callers. */
class HapiSearchParametersTest {

    private static final HapiSearchParameters R4_PARAMETERS = new HapiSearchParameters(R4.context());

    @ParameterizedTest(name = "{0}: pinned by {1}, about whom {2} names")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
        "Coverage; beneficiary; beneficiary",
        "ExplanationOfBenefit; patient; patient",
        "Claim; patient; patient",
        "Observation; subject; subject",
        "Condition; patient; subject",
        "AllergyIntolerance; patient; patient",
        "Patient; _id; -",
        "Group; member; -",
        "Organization; -; -",
    })
    void namesTheTopLevelElementThePinningParameterSearches(String type, String parameter, String element) {
        assertEquals(Optional.ofNullable(parameter), R4_PARAMETERS.pinningParameter(type));
        assertEquals(Optional.ofNullable(element), R4_PARAMETERS.pinningElement(type));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
        "Coverage; Coverage.beneficiary; beneficiary",
        "Condition; Condition.subject.where(resolve() is Patient); subject",
        "Encounter; AllergyIntolerance.patient | Encounter.subject.where(resolve() is Patient); subject",
        "Group; Group.member.entity; -",
        "Person; Person.link.target.where(resolve() is Patient); -",
        "Basic; Basic.subject.where(resolve() is Group); -",
        "Coverage; ExplanationOfBenefit.patient; -",
    })
    void readsAPathForItsTypeAloneAndOnlyAtTheTopLevel(String type, String path, String element) {
        assertEquals(Optional.ofNullable(element), HapiSearchParameters.topLevelElement(type, path));
    }
}
