package dev.payeraccess.proxy.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.Interaction;
import dev.payeraccess.proxy.request.PageParameters;
import dev.payeraccess.proxy.request.SearchParameter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageLinksTest {

    private static final String PLAN = "http://127.0.0.1:8090/r4";
    private static final String PROXY = "http://localhost:8080/realms/r1/payer-access/fhir/test";

    @Test
    void aGrantOpensThePageOnlyForItsUserPlanAndPage() throws Exception {
        List<byte[]> keys = List.of("k-one-0123456789abcdef0123456789".getBytes(StandardCharsets.UTF_8));
        PageLinks dana = new PageLinks(keys, "dana", "test");
        String link = dana.signer("ExplanationOfBenefit").apply(PROXY + "?_getpages=abc&_getpagesoffset=10");
        String grant = link.substring(link.indexOf(PageParameters.PAGE_GRANT + "=")
            + PageParameters.PAGE_GRANT.length() + 1);

        FhirRequest verified = dana.verified(page("abc", grant));
        assertEquals("ExplanationOfBenefit", verified.type().orElseThrow());
        assertTrue(verified.parameters().stream().noneMatch(p -> p.name().equals(PageParameters.PAGE_GRANT)),
            "the grant never goes to the plan");
        assertEquals(PLAN + "?_getpages=abc", verified.planUrl(PLAN), "a page is read at the plan's base");

        assertEquals(403, refused(() -> new PageLinks(keys, "eve", "test").verified(page("abc", grant))));
        assertEquals(403, refused(() -> new PageLinks(keys, "dana", "other").verified(page("abc", grant))));
        assertEquals(403, refused(() -> dana.verified(page("another-page", grant))));
        assertEquals(403, refused(() -> dana.verified(page("abc", grant.replace("ExplanationOfBenefit", "Patient")))));
        assertEquals(403, refused(() -> dana.verified(page("abc", ""))));
    }

    private FhirRequest page(String id, String grant) {
        return new FhirRequest(Interaction.PAGE, java.util.Optional.empty(), java.util.Optional.empty(),
            java.util.Optional.empty(), List.of(new SearchParameter("_getpages", id),
                new SearchParameter(PageParameters.PAGE_GRANT, grant)));
    }

    private int refused(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(dev.payeraccess.fhir.FhirProblemException.class, call).problem().status();
    }
}
