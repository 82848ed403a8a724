package org.prognos.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.telemetry.AssetAttributes;

/** Bad inputs are refused with a message that names what is wrong (synthetic rows: these are edge cases). */
class FleetFeaturesInputTest {
    private static final Path SPEC = Path.of("../notebooks-data/specs/azure-guide.json");

    @Test
    void readings_without_a_channel_of_the_spec_are_refused() {
        FleetFeatures job = new FleetFeatures(SpecJson.read(SPEC));
        Dataset<Row> telemetry = table(List.of(RowFactory.create("1", "2015-01-01 00:00:00", "170.0")),
                new StructType().add("machineID", DataTypes.StringType).add("datetime", DataTypes.StringType)
                        .add("volt", DataTypes.StringType));

        var e = assertThrows(InvalidSpecException.class, () -> job.readings(telemetry, "machineID", "datetime"));
        assertTrue(e.getMessage().contains("'rotate'"), e.getMessage());
    }

    @Test
    void an_event_of_an_unknown_kind_names_the_asset_and_the_kind() {
        FleetFeatures job = new FleetFeatures(SpecJson.read(SPEC));
        Dataset<Row> telemetry = table(List.of(RowFactory.create("1", "2015-01-01 00:00:00", "170.0", "450.0", "100.0",
                "40.0")), new StructType().add("machineID", DataTypes.StringType).add("datetime", DataTypes.StringType)
                .add("volt", DataTypes.StringType).add("rotate", DataTypes.StringType)
                .add("pressure", DataTypes.StringType).add("vibration", DataTypes.StringType));
        Dataset<Row> events = table(List.of(RowFactory.create("1", "2015-01-01 00:00:00", "repair", "comp1")),
                new StructType().add("asset", DataTypes.StringType).add("time", DataTypes.StringType)
                        .add("kind", DataTypes.StringType).add("code", DataTypes.StringType));

        var e = assertThrows(SparkException.class, () -> job.extract(job.readings(telemetry, "machineID", "datetime"),
                job.events(events), AssetAttributes.none()).collectAsList());
        assertTrue(e.getMessage().contains("asset 1 has kind 'repair'"), e.getMessage());
    }

    @Test
    void labels_option_without_events_is_refused() {
        FleetFeatures job = new FleetFeatures(SpecJson.read(SPEC));
        var a = FeaturesJob.options(new String[] {"--telemetry", "t.parquet", "--labels", "failure:24h"});

        var e = assertThrows(IllegalArgumentException.class, () -> FeaturesJob.table(LocalSpark.session(), job, a));
        assertTrue(e.getMessage().contains("--labels needs --events"), e.getMessage());
    }

    @Test
    void labels_option_that_names_no_labeler_is_refused() {
        FleetFeatures job = new FleetFeatures(SpecJson.read(SPEC));
        var a = FeaturesJob.options(new String[] {"--telemetry", "t.parquet", "--events", "e.parquet",
            "--labels", "survival:24h"});

        var e = assertThrows(InvalidSpecException.class, () -> FeaturesJob.table(LocalSpark.session(), job, a));
        assertTrue(e.getMessage().contains("must start with failure or rul"), e.getMessage());
    }

    @Test
    void csv_comment_lines_are_skipped_as_the_library_skips_them(@TempDir Path dir) throws IOException {
        // synthetic edge case: the first line of every file prognos synth writes is a '#' comment
        Path csv = dir.resolve("assets.csv");
        Files.writeString(csv, "# synthetic: not real data\nasset,type,age_years\nasset-0001,router,3\n");

        Dataset<Row> table = FeaturesJob.read(LocalSpark.session(), csv.toString(), null);

        assertEquals(List.of("asset", "type", "age_years"), List.of(table.columns()));
        assertEquals(Map.of("type", "router", "age_years", "3"),
                FleetFeatures.attributes(table, "asset").of("asset-0001"));
    }

    private static Dataset<Row> table(List<Row> rows, StructType schema) {
        return LocalSpark.session().createDataFrame(rows, schema);
    }
}
