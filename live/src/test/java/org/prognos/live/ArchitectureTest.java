package org.prognos.live;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The live vocabulary stays portable: no package cycles, and no transport (MQTT client, HTTP server), store or
 * service class, so that a Flink or Spark job can run it as the service does. The classes generated from
 * Sparkplug's protobuf definition ({@code org.eclipse.tahu.protobuf}) lie outside the analysed packages; only the
 * Sparkplug package may use them, so that no other API speaks protobuf.
 */
@AnalyzeClasses(packages = "org.prognos.live", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule no_cycles_between_packages = slices().matching("org.prognos.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule no_transport_store_or_service = noClasses().that().resideInAPackage("org.prognos.live..")
            .should().dependOnClassesThat().resideInAnyPackage("com.hivemq..", "io.javalin..", "org.eclipse.jetty..",
                    "org.rocksdb..", "org.prognos.inference..", "org.prognos.training..");

    @ArchTest
    static final ArchRule only_sparkplug_speaks_protobuf = noClasses().that()
            .resideOutsideOfPackage("org.prognos.live.sparkplug..")
            .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.tahu..", "com.google.protobuf..");
}
