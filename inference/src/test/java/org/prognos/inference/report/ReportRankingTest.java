package org.prognos.inference.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.models.runtime.LoadedModel;

/**
 * The report ranks the machines that fail soonest near the top: reports of the bundled Azure PdM fleet as of
 * several dates after the weekly model's training period, checked against the failure log. The top decile of
 * each ranking (7 of 70 machines) must hold at least 2.5 times the share of the next 7 days' failing machines
 * that a random ranking holds in expectation (10 %). The model never saw a label past the first report's date.
 */
class ReportRankingTest {
    /**
     * Reports as of these days (00:00 UTC); all on or after {@link AzureWeekModel#TRAIN_UNTIL}, one week apart or
     * more, so the next-week windows do not overlap (the bundled telemetry covers 2015-10-01 to 2016-01-01).
     */
    static final List<String> AS_OF = List.of("2015-11-01", "2015-11-08", "2015-11-15", "2015-11-22", "2015-12-01", "2015-12-08",
            "2015-12-15", "2015-12-22");
    /** Expected share of failing machines in the top decile under a random ranking. */
    static final double RANDOM_SHARE = 0.10;
    /**
     * How many times the random share the ranking must capture (the last run's figures: {@link #SUMMARY}).
     * Measured: 22 of 73 failing machines (30 %, 3.0x; a random ranking catches 7.3 ± 2.6). Other CI-sized models
     * trained on the same three weeks (depth 2-6, 20-200 trees, binary or per component, weighted or not)
     * caught 13-22: three weeks of history is little.
     */
    static final double REQUIRED_LIFT = 2.5;
    /** The figures of the last run, for docs/benchmarks.md. */
    static final Path SUMMARY = Path.of("target", "report-ranking.txt");

    @TempDir
    static Path dir;
    static LoadedModel model;

    @BeforeAll
    static void load() {
        model = AzureWeekModel.publishAndLoad(dir.resolve("registry"));
    }

    @AfterAll
    static void release() {
        model.close();
    }

    @Test
    void top_decile_holds_several_times_the_random_share_of_next_week_failures() throws Exception {
        assertTrue(AzureWeekModel.time(AS_OF.get(0) + " 00:00:00") >= AzureWeekModel.time(AzureWeekModel.TRAIN_UNTIL),
                "reports must be out of sample in time");
        int failing = 0;
        int caught = 0;
        StringBuilder perDate = new StringBuilder();
        for (String day : AS_OF) {
            long asOf = AzureWeekModel.time(day + " 00:00:00");
            FleetReport.Result r = FleetReport.generate(model, new FleetReport.Request(AzureWeekModel.data(), OptionalLong.of(asOf),
                    Optional.empty(), dir.resolve("report-" + day), 2, 1), n -> { });
            assertEquals(70, r.rows().size());
            Set<String> failed = failingMachines(asOf, asOf + AzureWeekModel.horizon());
            int decile = (int) Math.ceil(r.rows().size() / 10.0);
            Set<String> top = new HashSet<>();
            r.rows().subList(0, decile).forEach(row -> top.add(row.asset()));
            int hit = (int) failed.stream().filter(top::contains).count();
            failing += failed.size();
            caught += hit;
            perDate.append(String.format(Locale.ROOT, " %s %d/%d", day, hit, failed.size()));
        }
        double share = (double) caught / failing;
        String summary = String.format(Locale.ROOT,
                "top decile held %d of %d next-week failing machines (%.0f %%; random 10 %%):%s", caught, failing, 100 * share, perDate);
        Files.createDirectories(SUMMARY.getParent());
        Files.writeString(SUMMARY, summary + "\n", StandardCharsets.UTF_8);
        assertTrue(failing >= 30, "too few failures to judge: " + failing);
        assertTrue(share >= REQUIRED_LIFT * RANDOM_SHARE, summary);
    }

    @Test
    void the_report_compares_its_inputs_with_the_training_profile_features_by_psi() throws Exception {
        long asOf = AzureWeekModel.time(AS_OF.get(0) + " 00:00:00");
        FleetReport.Result r = FleetReport.generate(model, new FleetReport.Request(AzureWeekModel.data(), OptionalLong.of(asOf),
                Optional.empty(), dir.resolve("report-drift"), 2, 1), n -> { });
        com.fasterxml.jackson.databind.JsonNode drift = FleetReport.JSON.readTree(r.json().toFile()).path("drift");
        assertTrue(Set.of("stable", "moderate", "drifted").contains(drift.path("status").asText()), drift.toString());
        assertTrue(drift.path("rows").asInt() > 70, "each asset's vector and its history vectors: " + drift.path("rows"));
        assertTrue(drift.path("profileSource").asText().startsWith("azure rows before"), drift.toString());
        assertEquals(model.manifest().featureColumns().size(), drift.path("features").size());
        double previous = Double.POSITIVE_INFINITY;
        for (com.fasterxml.jackson.databind.JsonNode f : drift.path("features")) {
            assertTrue(f.path("psi").asDouble() <= previous, "sorted by PSI, largest first: " + drift);
            previous = f.path("psi").asDouble();
        }
        String html = Files.readString(r.html(), StandardCharsets.UTF_8);
        com.fasterxml.jackson.databind.JsonNode worst = drift.path("features").get(0);
        assertEquals(model.extractor().label(worst.path("feature").asText()), worst.path("label").asText());
        assertTrue(html.contains("<h2>Input drift</h2>") && html.contains("<tr><td>" + worst.path("label").asText() + "</td>"),
                "the page names the drifting feature by its label");
    }

    /** Machines with a failure in [from, to) per the bundled failure log. */
    static Set<String> failingMachines(long from, long to) {
        Set<String> out = new HashSet<>();
        for (Event e : AzureWeekModel.data().events().all()) {
            if (e.kind() == EventKind.FAILURE && e.time() >= from && e.time() < to) {
                out.add(e.asset());
            }
        }
        return out;
    }
}
