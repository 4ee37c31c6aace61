package dev.payeraccess.proxy;

import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.plan.AccessTokenSource;
import dev.payeraccess.token.PlanTokenService;
import dev.payeraccess.token.StoredPlanToken;
import dev.payeraccess.token.TokenOutcome;
import java.util.Optional;
import org.keycloak.models.UserModel;

/** The member's plan token for one read, from the token layer, with its outcomes turned into the proxy's answers. */
final class MemberTokens implements AccessTokenSource<FhirProblemException> {

    private final PlanTokenService tokens;
    private final UserModel member;
    private final StoredPlanToken stored;
    private final ProxyProblems problems;

    MemberTokens(PlanTokenService tokens, UserModel member, StoredPlanToken stored, ProxyProblems problems) {
        this.tokens = tokens;
        this.member = member;
        this.stored = stored;
        this.problems = problems;
    }

    @Override
    public String current() throws FhirProblemException {
        return usable(tokens.accessToken(member, Optional.of(stored)));
    }

    @Override
    public String renewedAfterRejection(String rejected) throws FhirProblemException {
        return usable(tokens.renewAfterRejection(member, rejected));
    }

    private String usable(TokenOutcome outcome) throws FhirProblemException {
        if (outcome instanceof TokenOutcome.Usable usable) {
            return usable.accessToken();
        }
        throw problems.of(outcome).exception();
    }
}
