package org.prognos.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.scan.AssetScan;
import org.prognos.features.scan.FleetScan;
import org.prognos.features.scan.ScanJson;
import org.prognos.models.TestModels;
import org.prognos.models.registry.ModelRegistry;

/**
 * The at-risk report's input that {@code ScoreJob --report-input} writes, read back as {@code prognos report --scans}
 * reads it, equals the scans {@code prognos report} takes of the same data on one machine ({@link FleetScan} over the
 * library's Azure reader): vectors, risk history and trend readings to {@value #TOLERANCE}, times, counts, attributes
 * and events exactly. The report scores, ranks and explains scans by one path whatever their source
 * ({@code ReportFromScansTest} in the inference module holds the report from written scans equal to the report from
 * the dataset), so equal scans make equal report rows.
 */
class FleetScansParityTest {
    private static final double TOLERANCE = 1e-9;

    @Test
    void report_input_equals_the_single_machine_scans(@TempDir Path dir) throws IOException {
        TestModels.publishAzure(new ModelRegistry(dir.resolve("registry")));
        FleetScores model = FleetScores.load(dir.resolve("registry").toString(), TestModels.AZURE, List.of());
        String telemetry = dir.resolve("telemetry").toString();
        String events = dir.resolve("events").toString();
        AzureInSpark.telemetry().write().parquet(telemetry);
        AzureInSpark.events().write().parquet(events);
        Path out = dir.resolve("report-input");

        FeaturesJob.scans(LocalSpark.session(), model.features(), FeaturesJob.options(new String[] {
            "--telemetry", telemetry, "--asset-column", "machineID", "--time-column", "datetime", "--events", events,
            "--attributes", AzureInSpark.AZURE.resolve("PdM_machines.csv").toString()}))
                .write().text(out.toString());

        String hash = model.features().spec().hash();
        List<AssetScan> spark = ScanJson.read(out, hash);
        List<AssetScan> single = FleetScan.run(new org.prognos.features.extract.FeatureExtractor(model.features().spec()),
                AzureInSpark.singleMachineData(), OptionalLong.empty(), 1, n -> { });
        assertEquals(AzureInSpark.MACHINES, single.size());
        assertEquals(single.size(), spark.size(), "one scan per asset");
        for (int i = 0; i < single.size(); i++) {
            AssetScan want = single.get(i);
            AssetScan got = spark.get(i);
            String a = want.asset();
            assertEquals(a, got.asset());
            assertEquals(want.time(), got.time(), a);
            assertEquals(want.covered(), got.covered(), a);
            assertEquals(want.readings(), got.readings(), a);
            assertArrayEquals(want.vector(), got.vector(), TOLERANCE, a + " vector");
            assertArrayEquals(want.historyTimes(), got.historyTimes(), a);
            for (int h = 0; h < want.historyVectors().length; h++) {
                assertArrayEquals(want.historyVectors()[h], got.historyVectors()[h], TOLERANCE, a + " history " + h);
            }
            assertArrayEquals(want.trendTimes(), got.trendTimes(), a);
            for (int t = 0; t < want.trendValues().length; t++) {
                assertArrayEquals(want.trendValues()[t], got.trendValues()[t], TOLERANCE, a + " trend " + t);
            }
            assertEquals(want.attributes(), got.attributes(), a);
            assertEquals(want.events(), got.events(), a);
        }
        assertTrue(single.stream().allMatch(s -> s.historyTimes().length == FleetScan.HISTORY_BUCKETS
                && s.trendTimes().length == FleetScan.TREND_READINGS && !s.events().isEmpty()
                && !s.attributes().isEmpty()), "every machine has a full history, trends, events and attributes");
    }
}
