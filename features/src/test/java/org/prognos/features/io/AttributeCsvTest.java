package org.prognos.features.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.telemetry.AssetAttributes;

class AttributeCsvTest {
    @TempDir
    Path dir;

    @Test
    void reads_every_other_column_as_text() throws IOException {
        Path f = Recorded.write(dir.resolve("machines.csv"), "\"machineID\",\"model\",\"age\"\n1,\"model3\",18\n2,\"model4\",NA\n");
        AssetAttributes a = new AttributeCsv("machineID").read(f);
        assertEquals(Map.of("model", "model3", "age", "18"), a.of("1"));
        assertEquals(Optional.empty(), a.get("2", "age"));
    }

    @Test
    void asset_listed_twice_names_both_lines() {
        Path f = dir.resolve("machines.csv");
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class, () -> new AttributeCsv("machineID")
                .read(Recorded.write(f, "machineID,model\n1,a\n2,b\n1,c\n")));
        assertEquals("machines.csv:4:1: asset '1' is listed twice (first at line 2)", e.getMessage());
    }

    @Test
    void reads_the_bundled_ai4i_file_despite_its_byte_order_mark() throws IOException {
        AssetAttributes a = new AttributeCsv("UDI").read(Recorded.bundled("ai4i2020", "ai4i2020.csv.gz"));
        assertEquals(10_000, a.assets().size());
        assertEquals(Optional.of("M14860"), a.get("1", "Product ID"));
        assertEquals(Optional.of("M"), a.get("1", "Type"));
    }
}
