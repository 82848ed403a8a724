package org.prognos.reports;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module's shape: templates and charts only, with no package cycle and no other Prognos module, so the training
 * report and the at-risk report (in modules that must not depend on each other) share it.
 */
@AnalyzeClasses(packages = "org.prognos.reports", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule no_cycles_between_packages = slices().matching("org.prognos.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule no_other_prognos_module = noClasses().that().resideInAPackage("org.prognos.reports..")
            .should().dependOnClassesThat().resideInAnyPackage("org.prognos.features..", "org.prognos.models..",
                    "org.prognos.training..", "org.prognos.inference..", "org.prognos.cli..")
            .because("reports renders view models handed to it; it knows no telemetry, model or service");
}
