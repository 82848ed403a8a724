package org.prognos.inference.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.scan.AssetScan;
import org.prognos.features.scan.FleetScan;
import org.prognos.features.scan.ScanJson;
import org.prognos.features.telemetry.Dataset;
import org.prognos.inference.AdaptiveAzureKnn;
import org.prognos.models.TestModels;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.anomaly.ForecastMember;
import org.prognos.models.anomaly.StuckValueCheck;
import org.prognos.models.batch.AdaptiveScans;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.LoadedModel;

/**
 * The at-risk report of an adaptive model with the forecast member ({@code task.scoring.forecast}) or the stuck-value
 * check ({@code task.scoring.stuck}), over its history and over scans carrying each asset's adaptive score (what the
 * Spark job's {@code --report-input} writes, through {@link AdaptiveScans}), ranks each machine on
 * {@link AdaptiveScorer#scoreAll}'s last step with the member. The model is {@link AdaptiveReportTest}'s Azure knn
 * fixture ({@link AdaptiveAzureKnn#SETTINGS}) with a member on the columns Flink's {@code ForecastMemberParityTest}
 * uses; machines 1-8. The as-of time is the first row at which some machine's step with the member differs from its
 * step without it, so a report path that dropped the member would rank that machine on another score.
 */
class AdaptiveReportMembersTest {
    static final double TOLERANCE = 1e-9;
    static final String MODEL = "azure-anomaly-member";

    @TempDir
    Path dir;

    static AdaptiveScoring settings(String member) {
        return switch (member) {
            case "forecast" -> AdaptiveAzureKnn.SETTINGS.withForecast(ForecastMember.remembering("pressure_mean_3h", 200));
            case "stuck" -> AdaptiveAzureKnn.SETTINGS.withStuckCheck(new StuckValueCheck("error1_count_24h", 0.05, 10));
            default -> throw new IllegalArgumentException(member);
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"forecast", "stuck"})
    void the_report_ranks_each_machine_on_its_adaptive_score_with_the_member(String member) throws Exception {
        AdaptiveScoring with = settings(member);
        Map<String, double[][]> rows = machineRows();
        Map<String, long[]> times = machineTimes();
        long asOf = firstDifference(with, rows, times) + 1;
        Map<String, Double> want = lastScores(with, rows, times, asOf);
        Map<String, Double> without = lastScores(AdaptiveAzureKnn.SETTINGS, rows, times, asOf);

        ModelRegistry registry = new ModelRegistry(dir.resolve("registry"));
        AdaptiveAzureKnn.publish(registry, MODEL, with);
        Dataset data = TestModels.onlyAssets(TestModels.azureData(), a -> Integer.parseInt(a) <= 8);
        try (LoadedModel m = LoadedModel.load(registry, MODEL + "@production")) {
            FleetReport.Result direct = FleetReport.generate(m, new FleetReport.Request(data, OptionalLong.of(asOf),
                    Optional.empty(), dir.resolve("direct"), 2, 3), n -> { });
            FleetReport.Result fromScans = FleetReport.generate(m, new FleetReport.Request(new ReportInput.Scanned(
                    writeScans(m, data, asOf)), OptionalLong.empty(), Optional.empty(), dir.resolve("scanned"), 2, 3,
                    ReportActions.defaults()), n -> { });
            assertEquals(8, direct.rows().size());
            assertEquals(8, fromScans.rows().size());
            int differ = 0;
            for (int i = 0; i < direct.rows().size(); i++) {
                ReportRow row = direct.rows().get(i);
                assertEquals(want.get(row.asset()), row.risk(), TOLERANCE, member + ": " + row.asset());
                assertEquals(row.asset(), fromScans.rows().get(i).asset(), member + ": rank " + i + " from scans");
                assertEquals(row.risk(), fromScans.rows().get(i).risk(), TOLERANCE, member + ": " + row.asset() + " from scans");
                differ += Math.abs(want.get(row.asset()) - without.get(row.asset())) > TOLERANCE ? 1 : 0;
            }
            System.out.printf("%s: as of %d, %d of 8 machines score otherwise than without it%n", member, asOf, differ);
            assertTrue(differ > 0, member + ": no machine's report figure depends on the member");
        }
    }

    /** Machines 1-8's feature rows of the anomaly fixture, in time order. */
    private static Map<String, double[][]> machineRows() {
        FeatureTable table = TestModels.azureAnomalyTable();
        Map<String, double[][]> rows = new HashMap<>();
        table.rowsByAsset().forEach((asset, idx) -> {
            if (Integer.parseInt(asset) <= 8) {
                rows.put(asset, IntStream.of(idx).mapToObj(table::row).toArray(double[][]::new));
            }
        });
        return rows;
    }

    private static Map<String, long[]> machineTimes() {
        FeatureTable table = TestModels.azureAnomalyTable();
        Map<String, long[]> times = new HashMap<>();
        table.rowsByAsset().forEach((asset, idx) -> {
            if (Integer.parseInt(asset) <= 8) {
                times.put(asset, IntStream.of(idx).mapToLong(table::time).toArray());
            }
        });
        return times;
    }

    /** The time of the earliest row at which some machine's adaptive score with {@code with} differs from without it. */
    private static long firstDifference(AdaptiveScoring with, Map<String, double[][]> rows, Map<String, long[]> times) {
        AnomalyModel model = TestModels.azureAnomaly();
        long first = Long.MAX_VALUE;
        for (String asset : rows.keySet()) {
            AdaptiveScorer.Step[] a = AdaptiveScorer.scoreAll(model, with, rows.get(asset));
            AdaptiveScorer.Step[] b = AdaptiveScorer.scoreAll(model, AdaptiveAzureKnn.SETTINGS, rows.get(asset));
            for (int i = 0; i < a.length; i++) {
                if (Math.abs(a[i].score() - b[i].score()) > TOLERANCE) {
                    first = Math.min(first, times.get(asset)[i]);
                    break;
                }
            }
        }
        assertTrue(first < Long.MAX_VALUE, "the member changes no score on machines 1-8");
        return first;
    }

    /** Each machine's adaptive score after its last row before {@code asOf}: the batch path. */
    private static Map<String, Double> lastScores(AdaptiveScoring settings, Map<String, double[][]> rows,
                                                  Map<String, long[]> times, long asOf) {
        AnomalyModel model = TestModels.azureAnomaly().withScoring(new AnomalyScoring.Adaptive(settings));
        Map<String, Double> last = new HashMap<>();
        rows.forEach((asset, x) -> {
            long[] t = times.get(asset);
            double[][] before = IntStream.range(0, x.length).filter(i -> t[i] < asOf).mapToObj(i -> x[i])
                    .toArray(double[][]::new);
            AdaptiveScorer.Step[] steps = AdaptiveScorer.scoreAll(model, settings, before);
            last.put(asset, steps.length == 0 ? 0 : steps[steps.length - 1].score());
        });
        return last;
    }

    /** {@code data}'s scans as of {@code asOf} with their adaptive scores, in a file as the Spark job writes. */
    private Path writeScans(LoadedModel m, Dataset data, long asOf) throws java.io.IOException {
        AdaptiveScans adaptive = new AdaptiveScans(m.adaptiveAnomaly().orElseThrow(), FleetScan.bucket(m.extractor().axis()));
        List<String> lines = new ArrayList<>();
        for (AssetScan s : FleetScan.run(m.extractor(), data, OptionalLong.of(asOf), 1, n -> { }, adaptive)) {
            lines.add(ScanJson.write(s.withStream(adaptive.carried(s, m.name() + ":" + m.version())),
                    m.extractor().spec().hash()));
        }
        Path file = dir.resolve("scans.json");
        Files.write(file, lines);
        return file;
    }
}
