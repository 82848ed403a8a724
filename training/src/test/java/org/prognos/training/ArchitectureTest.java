package org.prognos.training;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module's shape, checked on its compiled main classes: no package cycles (the job's steps use config, data,
 * trainers, sequence and evaluation; none of those reaches back to the job), no HTTP and nothing of the service:
 * a training job runs on a machine with no web server, and the service never needs a trainer.
 */
@AnalyzeClasses(packages = "org.prognos.training", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule no_cycles_between_packages = slices().matching("org.prognos.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule no_http_or_service_types = noClasses().that().resideInAPackage("org.prognos.training..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..",
                    "javax.servlet..", "org.prognos.inference..", "org.prognos.cli..")
            .because("training publishes bundles to the registry; the service loads them through the models runtime");
}
