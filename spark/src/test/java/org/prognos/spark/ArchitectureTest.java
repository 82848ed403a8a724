package org.prognos.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module's shape, checked on its compiled main classes: no package cycles; no HTTP; nothing from the training
 * job, the service or the cli (a cluster needs the libraries only); and the partition functions never reach back
 * into the driver-side job classes.
 */
@AnalyzeClasses(packages = "org.prognos.spark", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule no_cycles_between_packages = slices().matching("org.prognos.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule no_http_types = noClasses().that().resideInAPackage("org.prognos.spark..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..",
                    "javax.servlet..")
            .because("HTTP belongs to inference, at the edge");

    @ArchTest
    static final ArchRule only_the_libraries = noClasses().that().resideInAPackage("org.prognos.spark..")
            .should().dependOnClassesThat().resideInAnyPackage("org.prognos.training..", "org.prognos.inference..",
                    "org.prognos.cli..", "org.prognos.live..")
            .because("Spark jobs run the features library and the model runtime, nothing above them");

    @ArchTest
    static final ArchRule partitions_do_not_depend_on_the_driver = noClasses()
            .that().resideInAPackage("org.prognos.spark.partition..")
            .should().dependOnClassesThat().resideInAPackage("org.prognos.spark")
            .because("what runs in the executors is serialized there; the job classes stay on the driver");
}
