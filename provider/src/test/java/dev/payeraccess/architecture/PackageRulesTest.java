package dev.payeraccess.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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

    @Test
    void thePlanProfileDocumentIsPure() {
        noClasses().that().haveSimpleName("PlanProfileDocument").or().haveSimpleName("ProfileSettings")
            .should().dependOnClassesThat().resideInAnyPackage("org.keycloak.models..", "org.keycloak.services..",
                "jakarta.ws.rs..")
            .check(PRODUCT);
    }

    @Test
    void readingAndWritingBrandsBundlesIsPure() {
        noClasses().that().resideInAPackage("dev.payeraccess.brands..")
            .and().haveSimpleNameNotEndingWith("Resource").and().doNotHaveSimpleName("PlanBrands")
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

    @Test
    void theAccessPolicyIsPure() {
        noClasses().that().haveSimpleName("AccessPolicy").or().haveSimpleName("AccessDecision")
            .should().dependOnClassesThat().resideInAnyPackage("org.keycloak..", "jakarta.ws.rs..")
            .check(PRODUCT);
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
            .orShould().dependOnClassesThat().haveSimpleName("PayerTokenService")
            .check(PRODUCT);
    }
}
