package org.prognos.flink;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The Flink job's structure: no package cycles; no path to the service, the training module or an HTTP server (the
 * job reuses the libraries the service is built on, not the service); and the keyed scoring step knows no source or
 * sink (no MQTT client, no connector), which the job package wires around it.
 */
@AnalyzeClasses(packages = "org.prognos.flink", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule no_cycles_between_packages = slices().matching("org.prognos.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule no_service_training_or_http = noClasses().that().resideInAPackage("org.prognos.flink..")
            .should().dependOnClassesThat().resideInAnyPackage("org.prognos.inference..", "org.prognos.training..",
                    "io.javalin..", "org.eclipse.jetty..");

    @ArchTest
    static final ArchRule scoring_knows_no_job_wiring = noClasses().that().resideInAPackage("org.prognos.flink.score..")
            .should().dependOnClassesThat().resideInAnyPackage("org.prognos.flink.job..", "org.prognos.flink.mqtt..",
                    "org.apache.flink.api.connector..", "org.apache.flink.connector..", "com.hivemq..");
}
