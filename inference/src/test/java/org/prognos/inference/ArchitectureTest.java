package org.prognos.inference;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The service's structure, held by its own tests: no package cycles, no path to the training module, and a scoring
 * core (scoring, streaming state, the model catalog, alerts, metrics, reports, the live page's recent history) that knows no HTTP; scoring and streaming
 * read no JSON either. Reading request bodies and writing answers belong to {@code org.prognos.inference.http},
 * which hands the core typed windows.
 *
 * <p>The root package {@code org.prognos.inference} is a slice of the cycle rule like any other: it holds the
 * vocabulary every layer shares (the exceptions, {@code ServiceConfig}, {@code Lifecycle}) and imports none of them;
 * the wiring that imports every layer ({@code App}, {@code Server}, {@code Services}) is in {@code server}, on top.
 */
@AnalyzeClasses(packages = "org.prognos.inference", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** The packages that score, stream, rank, alert and report without HTTP. */
    static final String[] CORE = {"org.prognos.inference.scoring..", "org.prognos.inference.state..",
        "org.prognos.inference.catalog..", "org.prognos.inference.alerts..", "org.prognos.inference.metrics..",
        "org.prognos.inference.report..", "org.prognos.inference.api..", "org.prognos.inference.codec..",
        "org.prognos.inference.store..", "org.prognos.inference.history.."};

    @ArchTest
    static final ArchRule no_cycles_between_packages = slices().matching("org.prognos.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule the_service_never_reaches_training = noClasses().that().resideInAPackage("org.prognos.inference..")
            .should().dependOnClassesThat().resideInAPackage("org.prognos.training..");

    @ArchTest
    static final ArchRule scoring_and_streaming_read_no_json = noClasses().that()
            .resideInAnyPackage("org.prognos.inference.scoring..", "org.prognos.inference.state..")
            .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson.core..", "com.fasterxml.jackson.databind..");

    @ArchTest
    static final ArchRule the_core_knows_no_http = noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..",
                    "org.prognos.inference.http..");
}
