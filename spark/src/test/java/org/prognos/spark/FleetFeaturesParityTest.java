package org.prognos.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.io.AzurePdm;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.telemetry.TelemetrySource;

/**
 * The Spark feature table equals the single-machine one ({@link BatchExtractor}, what {@code prognos features} runs) to
 * {@value #TOLERANCE} in every row and column, on the bundled Azure PdM data (machines 1 to {@value #MACHINES}, to keep
 * the test short) with the guide's spec: windows, alarm counts, days since maintenance and attributes all take part.
 */
class FleetFeaturesParityTest {
    private static final double TOLERANCE = 1e-9;
    private static final int MACHINES = 6;
    private static final Path AZURE = Path.of("../notebooks-data/azure-pdm");
    private static final Path SPEC = Path.of("../notebooks-data/specs/azure-guide.json");

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("prognos-spark-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void feature_table_equals_the_single_machine_extraction(@TempDir Path dir) throws IOException {
        FeatureSpec spec = SpecJson.read(SPEC);
        FleetFeatures job = new FleetFeatures(spec);
        Path out = dir.resolve("features.parquet");

        job.extract(azureReadings(job), azureEvents(job), FleetFeatures.attributes(csv("PdM_machines.csv"), "machineID"))
                .write().parquet(out.toString());
        List<Row> sparkRows = spark.read().parquet(out.toString()).collectAsList();

        FeatureTable expected = singleMachine(spec);
        assertTrue(expected.size() > 4_000, "the subset is large enough to mean something: " + expected.size());
        assertEquals(expected.size(), sparkRows.size(), "row count");
        assertEquals(List.of(spark.read().parquet(out.toString()).columns()).subList(2, 2 + job.columns().size()),
                job.columns(), "feature columns in the extractor's order");
        Map<String, Row> byKey = new HashMap<>();
        for (Row r : sparkRows) {
            byKey.put(r.getString(0) + "@" + r.getLong(1), r);
        }
        for (int i = 0; i < expected.size(); i++) {
            Row r = byKey.get(expected.asset(i) + "@" + expected.time(i));
            assertTrue(r != null, "Spark has no row for asset " + expected.asset(i) + " at " + expected.time(i));
            double[] want = expected.row(i);
            for (int c = 0; c < want.length; c++) {
                double got = r.isNullAt(c + 2) ? Double.NaN : r.getDouble(c + 2);
                String where = expected.asset(i) + " @ " + expected.time(i) + ", " + job.columns().get(c);
                if (Double.isNaN(want[c])) {
                    assertTrue(Double.isNaN(got), where + ": expected NaN, got " + got);
                } else {
                    assertEquals(want[c], got, TOLERANCE, where);
                }
            }
        }
    }

    /** The single-machine path on the same machines: the library's Azure reader and its batch extraction. */
    private static FeatureTable singleMachine(FeatureSpec spec) throws IOException {
        var full = AzurePdm.load(AZURE);
        TelemetrySource all = full.telemetry();
        TelemetrySource subset = new TelemetrySource() {
            @Override
            public String name() {
                return all.name();
            }

            @Override
            public org.prognos.features.telemetry.TimeAxis axis() {
                return all.axis();
            }

            @Override
            public List<String> channels() {
                return all.channels();
            }

            @Override
            public void forEach(org.prognos.features.telemetry.ReadingSink sink) throws IOException {
                all.forEach((a, t, v) -> {
                    if (inSubset(a)) {
                        sink.reading(a, t, v);
                    }
                });
            }
        };
        FeatureExtractor ex = new FeatureExtractor(spec);
        FeatureTable table = new FeatureTable(ex.columns());
        new BatchExtractor(ex).run(new org.prognos.features.telemetry.Dataset(subset, full.events(), full.attributes()),
                table);
        return table.sorted();
    }

    private static boolean inSubset(String machine) {
        return Integer.parseInt(machine) <= MACHINES;
    }

    private static Dataset<Row> azureReadings(FleetFeatures job) {
        Dataset<Row> telemetry = csv("PdM_telemetry.csv.gz").where(col("machineID").cast("int").leq(MACHINES));
        return job.readings(telemetry, "machineID", "datetime");
    }

    /** The three Azure event files as one table of asset, time, kind, code. */
    private static Dataset<Row> azureEvents(FleetFeatures job) {
        Dataset<Row> events = azureEvents("PdM_failures.csv", "failure", "failure")
                .unionByName(azureEvents("PdM_maint.csv", "maintenance", "comp"))
                .unionByName(azureEvents("PdM_errors.csv", "alarm", "errorID"));
        return job.events(events.where(col("asset").cast("int").leq(MACHINES)));
    }

    private static Dataset<Row> azureEvents(String file, String kind, String codeColumn) {
        return csv(file).select(col("machineID").as("asset"), col("datetime").as("time"), lit(kind).as("kind"),
                col(codeColumn).as("code"));
    }

    private static Dataset<Row> csv(String file) {
        return spark.read().option("header", "true").csv(AZURE.resolve(file).toString());
    }
}
