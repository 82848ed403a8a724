package org.prognos.features;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module's shape, checked on its compiled main classes: no package cycles; telemetry and numbers only (no HTTP,
 * no machine-learning library); and nothing from the modules above it, so a Spark task or a Flink operator can run
 * the same feature code with this jar and Commons Math alone.
 */
@AnalyzeClasses(packages = "org.prognos.features", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule no_cycles_between_packages = slices().matching("org.prognos.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule no_http_types = noClasses().that().resideInAPackage("org.prognos.features..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..",
                    "javax.servlet..")
            .because("features is a library of telemetry and numbers; HTTP belongs to inference");

    @ArchTest
    static final ArchRule no_machine_learning_libraries = noClasses().that().resideInAPackage("org.prognos.features..")
            .should().dependOnClassesThat().resideInAnyPackage("org.tribuo..", "ml.dmlc..", "org.deeplearning4j..",
                    "org.nd4j..")
            .because("features computes numbers (Commons Math); models and training bring the ML libraries");

    @ArchTest
    static final ArchRule no_types_from_modules_above = noClasses().that().resideInAPackage("org.prognos.features..")
            .should().dependOnClassesThat().resideInAnyPackage("org.prognos.models..", "org.prognos.training..",
                    "org.prognos.inference..", "org.prognos.reports..", "org.prognos.cli..")
            .because("the module graph points down: every other module depends on features");
}
