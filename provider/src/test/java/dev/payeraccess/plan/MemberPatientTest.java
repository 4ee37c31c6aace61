package dev.payeraccess.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberPatientTest {

    private static final List<PatientSource> ALL = List.of(PatientSource.TOKEN, PatientSource.ID_TOKEN,
        PatientSource.SEARCH);
    private static final MemberPatient.Search NOT_ASKED = () -> fail("the search must not run");

    private static PlanTokenResponse answer(String extra) {
        return PlanTokenResponse.parse("{\"access_token\":\"AT\"" + extra + "}");
    }

    private static String idToken(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
            + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".sig";
    }

    @Test
    void theFirstPlaceThatNamesTheMemberWins() throws Exception {
        PlanTokenResponse both = answer(",\"patient\":\"from-token\",\"id_token\":\""
            + idToken("{\"fhirUser\":\"Patient/from-id-token\"}") + "\"");

        assertEquals(new MemberPatient.Named("from-token", PatientSource.TOKEN),
            MemberPatient.find(ALL, both, NOT_ASKED));
        assertEquals(new MemberPatient.Named("from-id-token", PatientSource.ID_TOKEN),
            MemberPatient.find(List.of(PatientSource.ID_TOKEN, PatientSource.TOKEN), both, NOT_ASKED));
    }

    @Test
    void theSearchRunsOnlyWhenTheOrderReachesItAndMustFindExactlyOne() throws Exception {
        assertEquals(new MemberPatient.Named("p1", PatientSource.SEARCH),
            MemberPatient.find(ALL, answer(""), () -> List.of("p1")));
        assertEquals(new MemberPatient.Unnamed(), MemberPatient.find(ALL, answer(""), List::of));
    }

    @Test
    void severalPatientsAreNeverPickedFrom() throws Exception {
        assertEquals(new MemberPatient.Several(3),
            MemberPatient.find(ALL, answer(""), () -> List.of("parent", "child-1", "child-2")));
    }

    @Test
    void aLaterPlaceThatNamesTheMemberSettlesWhatASearchCouldNot() throws Exception {
        assertEquals(new MemberPatient.Named("parent", PatientSource.TOKEN), MemberPatient.find(
            List.of(PatientSource.SEARCH, PatientSource.TOKEN), answer(",\"patient\":\"parent\""),
            () -> List.of("parent", "child")));
    }

    @Test
    void aPlaceLeftOutOfTheOrderIsNotAsked() throws Exception {
        assertEquals(new MemberPatient.Unnamed(), MemberPatient.find(List.of(PatientSource.ID_TOKEN),
            answer(",\"patient\":\"from-token\""), NOT_ASKED));
    }
}
