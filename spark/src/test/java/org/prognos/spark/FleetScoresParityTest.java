package org.prognos.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.extract.FeatureTable;
import org.prognos.models.TestModels;
import org.prognos.models.batch.DatasetScorer;
import org.prognos.models.batch.ScoredRow;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.signing.BundleTrust;

/**
 * Spark's per-row scores equal what {@code prognos score} computes for every row the spec emits (the bundle's spec
 * over the library's batch extraction, then {@link DatasetScorer}) to {@value #TOLERANCE}, band and alarm included,
 * with a small real XGBoost classifier published to a registry directory on disk.
 */
class FleetScoresParityTest {
    private static final double TOLERANCE = 1e-9;

    @Test
    void scores_equal_prognos_score(@TempDir Path registry) throws IOException {
        TestModels.publishAzure(new ModelRegistry(registry));
        FleetScores job = FleetScores.load(registry.toString(), TestModels.AZURE, List.of());

        List<Row> rows = job.score(AzureInSpark.sparkFeatures(job.features())).collectAsList();

        List<ScoredRow> expected;
        FeatureTable table;
        try (DatasetScorer scorer = DatasetScorer.load(registry, TestModels.AZURE, BundleTrust.unchecked())) {
            assertEquals(scorer.numericColumns(), job.columns(), "the scorer's columns");
            table = AzureInSpark.singleMachineFeatures(scorer.extractor());
            expected = scorer.score(table, 0, table.size(), 0);
        }
        assertEquals(expected.size(), rows.size(), "one score per feature row");
        assertTrue(expected.stream().anyMatch(ScoredRow::alarm) && expected.stream().anyMatch(s -> !s.alarm()),
                "the subset has rows on both sides of the threshold");
        Map<String, Row> byKey = new HashMap<>();
        for (Row r : rows) {
            byKey.put(r.getString(0) + "@" + r.getLong(1), r);
        }
        int width = job.columns().size();
        for (int i = 0; i < expected.size(); i++) {
            String where = table.asset(i) + " @ " + table.time(i);
            Row r = byKey.get(table.asset(i) + "@" + table.time(i));
            assertNotNull(r, "Spark has no score for " + where);
            ScoredRow want = expected.get(i);
            for (int c = 0; c < width; c++) {
                assertEquals(want.number(c), r.getDouble(c + 2), TOLERANCE, where + ", " + job.columns().get(c));
            }
            assertEquals(want.band(), r.getString(width + 2), where + ", band");
            assertEquals(want.alarm(), r.getBoolean(width + 3), where + ", alarm");
        }
    }
}
