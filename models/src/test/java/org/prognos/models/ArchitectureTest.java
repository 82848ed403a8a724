package org.prognos.models;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module's shape, checked on its compiled main classes: no package cycles (adapters depend on the
 * {@code predict} contract, never the other way round), and no way up to HTTP, the service or training, so any JVM
 * process can run the runtime without a web server on its class path.
 */
@AnalyzeClasses(packages = "org.prognos.models", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule no_cycles_between_packages = slices().matching("org.prognos.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule no_http_types = noClasses().that().resideInAPackage("org.prognos.models..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..",
                    "javax.servlet..")
            .because("models is the runtime every process shares; HTTP belongs to inference");

    @ArchTest
    static final ArchRule no_service_or_training_types = noClasses().that().resideInAPackage("org.prognos.models..")
            .should().dependOnClassesThat().resideInAnyPackage("org.prognos.inference..", "org.prognos.training..")
            .because("the module graph points down: inference and training depend on models");
}
