package org.prognos.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.io.AzurePdm;
import org.prognos.features.telemetry.EventLog;
import org.prognos.models.TestModels;

/**
 * The bundled Azure PdM data (machines 1 to {@value #MACHINES}, to keep the tests short) read two ways: by Spark from
 * the CSV files, and by the features library's own reader for the single-machine path that {@code prognos features}
 * and {@code prognos score} take.
 */
final class AzureInSpark {
    static final int MACHINES = 6;
    static final Path AZURE = Path.of("../notebooks-data/azure-pdm");

    private AzureInSpark() {
    }

    /** The feature table of {@code job}'s spec, computed by Spark from the CSV files. */
    static Dataset<Row> sparkFeatures(FleetFeatures job) {
        return job.extract(job.readings(telemetry(), "machineID", "datetime"), job.events(events()),
                FleetFeatures.attributes(csv("PdM_machines.csv"), "machineID"));
    }

    private static Dataset<Row> telemetry;
    private static final Map<String, SingleMachine> SINGLE = new HashMap<>();

    /**
     * The subset's telemetry as Spark reads the CSV: every cell as text. Cached after the first read: the gzipped file
     * is one split, read by one task, and several tests use it.
     */
    static synchronized Dataset<Row> telemetry() {
        if (telemetry == null) {
            telemetry = csv("PdM_telemetry.csv.gz").where(col("machineID").cast("int").leq(MACHINES)).cache();
        }
        return telemetry;
    }

    /** The three Azure event files as one table of asset, time, kind, code (all text). */
    static Dataset<Row> events() {
        return events("PdM_failures.csv", "failure", "failure")
                .unionByName(events("PdM_maint.csv", "maintenance", "comp"))
                .unionByName(events("PdM_errors.csv", "alarm", "errorID"))
                .where(col("asset").cast("int").leq(MACHINES));
    }

    /** The same table on one machine: the library's Azure reader and batch extraction, sorted by asset and time. */
    static FeatureTable singleMachineFeatures(FeatureExtractor ex) throws IOException {
        return singleMachine(ex).table();
    }

    /** The single-machine run: its sorted table, the events and each asset's last reading (what labels need). */
    record SingleMachine(FeatureTable table, EventLog events, Map<String, Long> lastReadingTimes) {
    }

    static synchronized SingleMachine singleMachine(FeatureExtractor ex) throws IOException {
        String key = ex.spec().hash();
        SingleMachine done = SINGLE.get(key);
        if (done == null) {
            done = run(ex);
            SINGLE.put(key, done);
        }
        return done;
    }

    private static SingleMachine run(FeatureExtractor ex) throws IOException {
        org.prognos.features.telemetry.Dataset subset = singleMachineData();
        FeatureTable table = new FeatureTable(ex.columns());
        var summary = new BatchExtractor(ex).run(subset, table);
        return new SingleMachine(table.sorted(), subset.events(), summary.lastReadingTimes());
    }

    /**
     * The subset as the library's Azure reader gives it to {@code prognos features}, {@code score} and {@code report}:
     * machines 1 to {@value #MACHINES}' readings; the events and attributes of all (the others have no readings).
     */
    static org.prognos.features.telemetry.Dataset singleMachineData() throws IOException {
        var full = AzurePdm.load(AZURE);
        return TestModels.onlyAssets(full, a -> Integer.parseInt(a) <= MACHINES);
    }

    private static Dataset<Row> events(String file, String kind, String codeColumn) {
        return csv(file).select(col("machineID").as("asset"), col("datetime").as("time"), lit(kind).as("kind"),
                col(codeColumn).as("code"));
    }

    static Dataset<Row> csv(String file) {
        return LocalSpark.session().read().option("header", "true").csv(AZURE.resolve(file).toString());
    }
}
