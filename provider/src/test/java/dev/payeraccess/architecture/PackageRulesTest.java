package dev.payeraccess.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;

/**
 * The shape STYLE.md asks for, kept by the build: one package per concern, none importing another in a
 * circle, the REST shell on top, and the code that talks to a plan knowing nothing of tokens or FHIR answers.
 */
class PackageRulesTest {

    private static final String[] PROXY_ROOMS = {"dev.payeraccess.proxy.request..", "dev.payeraccess.proxy.policy..",
        "dev.payeraccess.proxy.paging..", "dev.payeraccess.proxy.limits..", "dev.payeraccess.proxy.answer..",
        "dev.payeraccess.proxy.metadata..", "dev.payeraccess.proxy.everything..", "dev.payeraccess.proxy.priorauth.."};

    private static final String LINK_STORE = "dev.payeraccess.token.LinkStore";
    private static final JavaClasses PRODUCT = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.payeraccess");

    @Test
    void noPackageImportsAPackageThatImportsItBack() {
        slices().matching("dev.payeraccess.(*)..").should().beFreeOfCycles().check(PRODUCT);
    }

    @Test
    void theRestShellIsUsedByNoDomainPackage() {
        noClasses().that().resideOutsideOfPackage("dev.payeraccess.rest..")
            .should().dependOnClassesThat().resideInAPackage("dev.payeraccess.rest..").check(PRODUCT);
    }

    @Test
    void theAdminApiIsUsedByNoDomainPackage() {
        noClasses().that().resideOutsideOfPackage("dev.payeraccess.admin..")
            .should().dependOnClassesThat().resideInAPackage("dev.payeraccess.admin..").check(PRODUCT);
    }

    /** The admin API is a shell: each resource hands its work to the package that owns the capability. */
    @Test
    void theAdminPackageHoldsOnlyResources() {
        classes().that().resideInAPackage("dev.payeraccess.admin").and().areTopLevelClasses()
            .should().haveSimpleNameEndingWith("Resource").orShould().haveSimpleNameEndingWith("ResourceProvider")
            .orShould().haveSimpleNameEndingWith("ResourceProviderFactory").orShould().haveSimpleName("AdminRequest")
            .orShould().haveSimpleName("package-info")
            .check(PRODUCT);
    }

    /**
     * The ground floor: Keycloak-version differences, plan sign-in, schedules, the audit, the lifecycle (which the
     * packages where a change happens call) and the one way things are sealed to the realm's key use nothing of ours.
     */
    @Test
    void theGroundFloorUsesNoOtherPackageOfOurs() {
        for (String room : List.of("compat", "signin", "schedule", "audit", "lifecycle", "realmkeys")) {
            noClasses().that().resideInAPackage("dev.payeraccess." + room + "..")
                .should().dependOnClassesThat(resideInAPackage("dev.payeraccess..")
                    .and(not(resideInAPackage("dev.payeraccess." + room + ".."))))
                .check(PRODUCT);
        }
    }

    @Test
    void theSharedProfileDocumentIsPure() {
        noClasses().that().haveSimpleName("ProfileDocument").or().haveSimpleName("SharedSettings")
            .should().dependOnClassesThat().resideInAnyPackage("org.keycloak.models..", "org.keycloak.services..",
                "jakarta.ws.rs..")
            .check(PRODUCT);
    }

    @Test
    void readingAndWritingBrandsBundlesIsPure() {
        noClasses().that().resideInAPackage("dev.payeraccess.brands..")
            .and().haveSimpleNameNotEndingWith("Resource").and().doNotHaveSimpleName("PlanBrands")
            .and().doNotHaveSimpleName("BrandImport")
            .should().dependOnClassesThat().resideInAnyPackage("org.keycloak.models..", "org.keycloak.services..",
                "jakarta.ws.rs..")
            .check(PRODUCT);
    }

    @Test
    void callsToAPlanKnowNothingOfStoredTokensOrTheProxy() {
        noClasses().that().resideInAPackage("dev.payeraccess.plan..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.payeraccess.token..", "dev.payeraccess.proxy..",
                "dev.payeraccess.broker..", "dev.payeraccess.links..", "dev.payeraccess.fhir..")
            .check(PRODUCT);
    }

    /** The proxy's rooms: the flow on top, the rooms below it never calling back up or in a circle. */
    @Test
    void theProxysRoomsImportNoRoomThatImportsThemBack() {
        slices().matching("dev.payeraccess.proxy.(*)..").should().beFreeOfCycles().check(PRODUCT);
    }

    @Test
    void noRoomOfTheProxyUsesItsFlow() {
        noClasses().that().resideInAnyPackage(PROXY_ROOMS)
            .should().dependOnClassesThat().resideInAPackage("dev.payeraccess.proxy").check(PRODUCT);
    }

    /** The search across plans sits above the proxy's flow: nothing of the proxy, and no room of it, uses it back. */
    @Test
    void nothingOfTheProxyUsesTheSearchAcrossPlans() {
        noClasses().that().resideInAPackage("dev.payeraccess.proxy..")
            .and().resideOutsideOfPackage("dev.payeraccess.proxy.allplans..")
            .should().dependOnClassesThat().resideInAPackage("dev.payeraccess.proxy.allplans..").check(PRODUCT);
    }

    /**
     * What runs on the threads that read the plans, and the merge, never touch a Keycloak session: only the resource,
     * the search's shell and the cursor store (on the request thread) do.
     */
    @Test
    void theSearchAcrossPlansTouchesTheSessionOnlyInItsShell() {
        noClasses().that().resideInAPackage("dev.payeraccess.proxy.allplans..")
            .and().doNotHaveSimpleName("AllPlansResource").and().doNotHaveSimpleName("AllPlansSearch")
            .and().doNotHaveSimpleName("CursorStore").and().areNotNestedClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.keycloak.models..", "jakarta.ws.rs..")
            .check(PRODUCT);
    }

    /** The decision (may this caller read this from this plan, must the answer be looked at) is plain Java. */
    @Test
    void theAccessPolicyIsPure() {
        noClasses().that().resideInAnyPackage("dev.payeraccess.proxy.policy..", "dev.payeraccess.proxy.request..")
            .should().dependOnClassesThat().resideInAnyPackage("org.keycloak..", "jakarta.ws.rs..",
                "dev.payeraccess.proxy.answer..", "dev.payeraccess.proxy.paging..", "dev.payeraccess.proxy.limits..",
                "dev.payeraccess.token..", "dev.payeraccess.plan..")
            .check(PRODUCT);
    }

    /** Forwarding bytes knows nothing of scopes: the answer's rooms only apply the decision they are given. */
    @Test
    void theAnswerAndThePagesNeverDecideAccess() {
        noClasses().that().resideInAnyPackage("dev.payeraccess.proxy.answer..", "dev.payeraccess.proxy.paging..")
            .should().dependOnClassesThat().haveSimpleName("AccessPolicy")
            .orShould().dependOnClassesThat().haveSimpleName("SmartScopes")
            .orShould().dependOnClassesThat().resideInAPackage("dev.payeraccess.proxy.limits..")
            .check(PRODUCT);
    }

    /**
     * {@code $everything} is handed its policy and its plan reads: no Keycloak, no tokens, no limits, so the cross-plan
     * search can run it once per plan; and the policy's rooms never use it.
     */
    @Test
    void everythingIsHandedItsPolicyAndItsPlanReads() {
        noClasses().that().resideInAPackage("dev.payeraccess.proxy.everything..")
            .should().dependOnClassesThat().resideInAnyPackage("org.keycloak..", "dev.payeraccess.token..",
                "dev.payeraccess.proxy.limits..", "dev.payeraccess.proxy.paging..", "dev.payeraccess.health..",
                "dev.payeraccess.broker..")
            .check(PRODUCT);
        noClasses().that().resideInAnyPackage("dev.payeraccess.proxy.policy..", "dev.payeraccess.proxy.request..",
                "dev.payeraccess.proxy.answer..", "dev.payeraccess.proxy.paging..")
            .should().dependOnClassesThat().resideInAPackage("dev.payeraccess.proxy.everything..")
            .check(PRODUCT);
    }

    @Test
    void limitsKnowNothingOfRequestsOrAnswers() {
        noClasses().that().resideInAPackage("dev.payeraccess.proxy.limits..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.payeraccess.proxy.request..",
                "dev.payeraccess.proxy.policy..", "dev.payeraccess.proxy.answer..", "dev.payeraccess.proxy.paging..",
                "dev.payeraccess.token..")
            .check(PRODUCT);
    }

    /** The conformance check reads a plan the way the proxy would, through the FHIR and SMART knowledge they share. */
    @Test
    void theConformanceCheckDoesNotReachIntoTheProxy() {
        noClasses().that().resideInAPackage("dev.payeraccess.conformance..")
            .should().dependOnClassesThat().resideInAPackage("dev.payeraccess.proxy..").check(PRODUCT);
    }

    /**
     * A link's stored token is read, opened and judged in one place, so "unreadable", "obtained for other plan
     * settings" and "usable" mean the same to the proxy, the links API, unlinking and the conformance check.
     */
    @Test
    void onlyTheLinkStoreReadsAStoredPlanToken() {
        noClasses().that().doNotHaveFullyQualifiedName(LINK_STORE)
            .should().callMethod(FederatedIdentityModel.class, "getToken")
            .orShould().callMethod(BrokeredIdentityContext.class, "getToken")
            .check(PRODUCT);
    }

    /** ...and written in one place: on the identity a new link is made from, and on a link being renewed. */
    @Test
    void onlyTheLinkStoreWritesAStoredPlanToken() {
        noClasses().that().doNotHaveFullyQualifiedName(LINK_STORE)
            .should().callMethod(BrokeredIdentityContext.class, "setToken", String.class)
            .orShould().callMethod(FederatedIdentityModel.class, "setToken", String.class)
            .orShould().callConstructor(FederatedIdentityModel.class, String.class, String.class, String.class,
                String.class)
            .orShould().callMethod(UserProvider.class, "updateFederatedIdentity", RealmModel.class, UserModel.class,
                FederatedIdentityModel.class)
            .check(PRODUCT);
    }

    /** Without a session nothing can reach a plan or a stored link: only the shell, PlanConformance, fetches. */
    @Test
    void theConformanceChecksJudgeWhatTheShellFetched() {
        noClasses().that().resideInAPackage("dev.payeraccess.conformance..")
            .and().doNotHaveSimpleName("PlanConformance").and().areNotNestedClasses()
            .should().dependOnClassesThat().haveSimpleName("KeycloakSession")
            .orShould().dependOnClassesThat().haveSimpleName("SearchProbe")
            .orShould().dependOnClassesThat().haveSimpleName("PlanTokenService")
            .check(PRODUCT);
    }
}
