package org.hivemesh.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.INTERFACES;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The design card of SPEC.md, enforced on the real packages (failOnEmptyShould stays on). */
@AnalyzeClasses(packages = "org.hivemesh", importOptions = ImportOption.DoNotIncludeTests.class)
class HexagonTest {
    private static final String DOMAIN = "org.hivemesh.domain..";
    private static final String APPLICATION = "org.hivemesh.application..";
    private static final String PERSISTENCE = "org.hivemesh.adapters.persistence..";
    private static final String HTTP = "org.hivemesh.adapters.http..";
    private static final String PEERS = "org.hivemesh.adapters.peers..";
    private static final String BOOTSTRAP = "org.hivemesh.bootstrap..";

    @ArchTest
    static final ArchRule domainUsesTheJdkOnly = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java.lang..", "java.util..", "java.time..",
                    "java.math..", "java.nio.charset..", "java.security..");

    @ArchTest
    static final ArchRule applicationUsesTheDomainOnly = classes().that().resideInAPackage(APPLICATION)
            .should().onlyDependOnClassesThat().resideInAnyPackage(APPLICATION, DOMAIN, "java..", "jakarta.inject..");

    @ArchTest
    static final ArchRule persistenceUsesNoOtherAdapter = noClasses().that().resideInAPackage(PERSISTENCE)
            .should().dependOnClassesThat().resideInAnyPackage(HTTP, PEERS, BOOTSTRAP);

    @ArchTest
    static final ArchRule httpUsesNoOtherAdapter = noClasses().that().resideInAPackage(HTTP)
            .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE, PEERS, BOOTSTRAP);

    @ArchTest
    static final ArchRule peersUseNoOtherAdapter = noClasses().that().resideInAPackage(PEERS)
            .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE, HTTP, BOOTSTRAP);

    @ArchTest
    static final ArchRule onlyBootstrapSeesBootstrap = noClasses().that().resideOutsideOfPackage(BOOTSTRAP)
            .should().dependOnClassesThat().resideInAPackage(BOOTSTRAP);

    @ArchTest
    static final ArchRule javalinStaysInTheHttpAdapter = noClasses().that().resideOutsideOfPackage(HTTP)
            .should().dependOnClassesThat().resideInAPackage("io.javalin..");

    @ArchTest
    static final ArchRule jooqAndFlywayStayInPersistence = noClasses().that().resideOutsideOfPackage(PERSISTENCE)
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "org.flywaydb..");

    @ArchTest
    static final ArchRule guiceStaysInBootstrap = noClasses().that().resideOutsideOfPackage(BOOTSTRAP)
            .should().dependOnClassesThat().resideInAPackage("com.google.inject..");

    @ArchTest
    static final ArchRule bouncyCastleStaysInPeers = noClasses().that().resideOutsideOfPackage(PEERS)
            .should().dependOnClassesThat().resideInAPackage("org.bouncycastle..");

    @ArchTest
    static final ArchRule resilience4jStaysWithThePeerAndHttpAdapters = noClasses().that()
            .resideOutsideOfPackages(PEERS, HTTP).should().dependOnClassesThat().resideInAPackage("io.github.resilience4j..");

    @ArchTest
    static final ArchRule picocliStaysInBootstrap = noClasses().that().resideOutsideOfPackage(BOOTSTRAP)
            .should().dependOnClassesThat().resideInAPackage("picocli..");

    /** An adapter drives use cases and implements the ports the application drives; services stay private to it. */
    @ArchTest
    static final ArchRule adaptersReachTheApplicationThroughPorts = noClasses().that().resideInAPackage("org.hivemesh.adapters..")
            .should().dependOnClassesThat(resideInAPackage(APPLICATION).and(not(resideInAPackage("org.hivemesh.application..port.."))));

    /** Commands are driving adapters too: they run use cases, never a store behind the application's back. */
    @ArchTest
    static final ArchRule commandsRunUseCasesNotStores = noClasses().that().resideInAPackage("org.hivemesh.bootstrap.cli..")
            .should().dependOnClassesThat(resideInAPackage(APPLICATION).and(not(resideInAPackage("org.hivemesh.application..port.."))
                    .or(resideInAPackage("org.hivemesh.application..port.out..").and(INTERFACES))));

    @ArchTest
    static final ArchRule applicationCapabilitiesAreFreeOfCycles = slices().matching("org.hivemesh.application.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layersAreFreeOfCycles = slices().matching("org.hivemesh.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule domainPackagesAreFreeOfCycles = slices().matching("org.hivemesh.domain.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule adapterPackagesAreFreeOfCycles = slices().matching("org.hivemesh.adapters.(*)..").should().beFreeOfCycles();
}
