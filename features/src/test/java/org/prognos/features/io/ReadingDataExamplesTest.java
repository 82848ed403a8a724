package org.prognos.features.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.TimeAxis;

/** The examples of "Reading data" in features/README.md, compiled and run. */
class ReadingDataExamplesTest {

    @Test
    void azure_example_streams_the_bundled_telemetry() throws IOException {
        Dataset azure = AzurePdm.load(Recorded.bundled("azure-pdm"));
        long[] readings = new long[1];
        azure.telemetry().forEach((asset, time, values) -> {
            // values is reused for the next reading: copy it to keep it
            readings[0]++;
        });
        assertEquals(155_050, readings[0]);
    }

    @Test
    void wide_csv_example_carries_values_forward(@TempDir Path dir) throws IOException {
        Path file = Recorded.gzip(dir.resolve("fleet.csv.gz"),
                "# synthetic fleet\nmachine,timestamp,temp,rpm,site\nm1,2024-01-01 00:00:00,20.5,1500,a\n"
                        + "m1,2024-01-01 01:00:00,,1510,a\n");
        WideCsvSource fleet = WideCsvSource.open(file, TimeAxis.Timestamps.utc(),
                new WideCsvSource.Columns("machine", "timestamp", List.of("temp", "rpm")),
                ReadPolicy.defaults().withMissingValues(ReadPolicy.MissingValues.CARRY_FORWARD));
        List<double[]> rows = new ArrayList<>();
        fleet.forEach((asset, time, values) -> rows.add(values.clone()));
        assertArrayEquals(new double[] {20.5, 1510}, rows.get(1));
    }
}
