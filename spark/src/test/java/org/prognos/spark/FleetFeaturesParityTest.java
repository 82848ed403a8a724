package org.prognos.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.labels.FailureWithinHorizon;
import org.prognos.features.labels.Labeler;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.telemetry.TimeAxis;

/**
 * The Spark feature table, written as Parquet and read back, equals the single-machine one (the library's batch
 * extraction, what {@code prognos features} runs) to {@value #TOLERANCE} in every row and column, on the bundled Azure
 * PdM data with the guide's spec: windows, alarm counts, days since maintenance and attributes all take part. The
 * inputs are the CSV files (text cells parsed by the spec's time axis) or Parquet (timestamps, doubles, partitioned
 * by asset). Training sets carry the labels the library's labeler gives on one machine, censored rows dropped.
 */
class FleetFeaturesParityTest {
    private static final double TOLERANCE = 1e-9;
    private static final Path SPEC = Path.of("../notebooks-data/specs/azure-guide.json");

    @Test
    void feature_table_equals_the_single_machine_extraction(@TempDir Path dir) throws IOException {
        FleetFeatures job = new FleetFeatures(SpecJson.read(SPEC));
        String out = dir.resolve("features.parquet").toString();

        AzureInSpark.sparkFeatures(job).write().parquet(out);

        assertSameTable(AzureInSpark.singleMachineFeatures(new FeatureExtractor(job.spec())),
                LocalSpark.session().read().parquet(out), job.columns());
    }

    @Test
    void parquet_inputs_partitioned_by_asset_with_timestamps_give_the_same_table(@TempDir Path dir) throws IOException {
        FleetFeatures job = new FleetFeatures(SpecJson.read(SPEC));
        String telemetry = dir.resolve("telemetry").toString();
        String events = dir.resolve("events").toString();
        AzureInSpark.telemetry().withColumn("datetime", to_timestamp(col("datetime")))
                .withColumn("volt", col("volt").cast("double"))
                .write().partitionBy("machineID").parquet(telemetry);
        AzureInSpark.events().withColumn("time", to_timestamp(col("time"))).write().parquet(events);
        var spark = LocalSpark.session();
        assertEquals("timestamp", spark.read().parquet(telemetry).schema().apply("datetime").dataType().typeName(),
                "the Parquet input holds real timestamps, not text");

        Dataset<Row> table = job.extract(job.readings(spark.read().parquet(telemetry), "machineID", "datetime"),
                job.events(spark.read().parquet(events)),
                FleetFeatures.attributes(AzureInSpark.csv("PdM_machines.csv"), "machineID"));

        assertSameTable(AzureInSpark.singleMachineFeatures(new FeatureExtractor(job.spec())), table, job.columns());
    }

    @Test
    void training_set_equals_the_single_machine_labels(@TempDir Path dir) throws IOException {
        FleetFeatures job = new FleetFeatures(SpecJson.read(SPEC));
        Labeler labeler = FailureWithinHorizon.perComponent(24 * TimeAxis.Timestamps.MICROS_PER_HOUR,
                List.of("comp1", "comp2", "comp3", "comp4"));
        String out = dir.resolve("training.parquet").toString();

        job.labelled(job.readings(AzureInSpark.telemetry(), "machineID", "datetime"), job.events(AzureInSpark.events()),
                FleetFeatures.attributes(AzureInSpark.csv("PdM_machines.csv"), "machineID"), labeler)
                .write().parquet(out);

        var single = AzureInSpark.singleMachine(new FeatureExtractor(job.spec()));
        double[] labels = labeler.label(single.table(), single.events(), single.lastReadingTimes());
        assertTrue(Arrays.stream(labels).anyMatch(Double::isNaN), "the subset has censored rows to drop");
        assertTrue(Arrays.stream(labels).anyMatch(y -> y > 0), "the subset has failures ahead of some rows");
        assertSameTable(single.table(), labels, LocalSpark.session().read().parquet(out), job.columns());
    }

    @Test
    void labels_option_of_the_job_writes_the_training_set_of_the_same_labeler(@TempDir Path dir) throws IOException {
        FleetFeatures job = new FleetFeatures(SpecJson.read(SPEC));
        String telemetry = dir.resolve("telemetry").toString();
        String events = dir.resolve("events").toString();
        AzureInSpark.telemetry().write().parquet(telemetry);
        AzureInSpark.events().write().parquet(events);
        String out = dir.resolve("training.parquet").toString();

        FeaturesJob.table(LocalSpark.session(), job, FeaturesJob.options(new String[] {"--spec", SPEC.toString(),
            "--telemetry", telemetry, "--asset-column", "machineID", "--time-column", "datetime", "--events", events,
            "--attributes", AzureInSpark.AZURE.resolve("PdM_machines.csv").toString(),
            "--labels", "failure:24h:comp1,comp2,comp3,comp4", "--out", out})).write().parquet(out);

        Labeler labeler = FailureWithinHorizon.perComponent(24 * TimeAxis.Timestamps.MICROS_PER_HOUR,
                List.of("comp1", "comp2", "comp3", "comp4"));
        var single = AzureInSpark.singleMachine(new FeatureExtractor(job.spec()));
        double[] labels = labeler.label(single.table(), single.events(), single.lastReadingTimes());
        assertSameTable(single.table(), labels, LocalSpark.session().read().parquet(out), job.columns());
    }

    private static void assertSameTable(FeatureTable expected, Dataset<Row> actual, List<String> columns) {
        assertSameTable(expected, null, actual, columns);
    }

    /**
     * Every row and column of {@code expected} is in {@code actual} to the tolerance, and nothing else is; with
     * {@code labels}, only the rows of a label that is not NaN, with the label in a last column.
     */
    private static void assertSameTable(FeatureTable expected, double[] labels, Dataset<Row> actual,
                                        List<String> columns) {
        assertTrue(expected.size() > 4_000, "the subset is large enough to mean something: " + expected.size());
        List<String> names = new ArrayList<>(columns);
        if (labels != null) {
            names.add("label");
        }
        assertEquals(names, List.of(actual.columns()).subList(2, actual.columns().length),
                "feature columns in the extractor's order");
        List<Row> rows = actual.collectAsList();
        long kept = labels == null ? expected.size() : Arrays.stream(labels).filter(y -> !Double.isNaN(y)).count();
        assertEquals(kept, rows.size(), "row count");
        Map<String, Row> byKey = new HashMap<>();
        for (Row r : rows) {
            byKey.put(r.getString(0) + "@" + r.getLong(1), r);
        }
        for (int i = 0; i < expected.size(); i++) {
            if (labels != null && Double.isNaN(labels[i])) {
                continue;
            }
            Row r = byKey.get(expected.asset(i) + "@" + expected.time(i));
            assertNotNull(r, "Spark has no row for asset " + expected.asset(i) + " at " + expected.time(i));
            double[] want = expected.row(i);
            for (int c = 0; c < want.length; c++) {
                double got = r.isNullAt(c + 2) ? Double.NaN : r.getDouble(c + 2);
                String where = expected.asset(i) + " @ " + expected.time(i) + ", " + columns.get(c);
                if (Double.isNaN(want[c])) {
                    assertTrue(Double.isNaN(got), where + ": expected NaN, got " + got);
                } else {
                    assertEquals(want[c], got, TOLERANCE, where);
                }
            }
            if (labels != null) {
                assertEquals(labels[i], r.getDouble(want.length + 2), expected.asset(i) + " @ " + expected.time(i)
                        + ", label");
            }
        }
    }
}
