package org.prognos.features.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.telemetry.AssetAttributes;

/**
 * Static asset attributes in CSV: one row per asset, an asset column and any number of attribute columns
 * kept as text ({@code machineID,model,age}). A missing cell (empty, {@code NaN}, {@code NA}, {@code null})
 * leaves the attribute absent for that asset; an asset listed twice is an error.
 *
 * @param assetColumn the asset id column
 */
public record AttributeCsv(String assetColumn) {
    public AttributeCsv {
        WideCsvSource.requireName(assetColumn, "asset");
    }

    /** Reads every row of {@code file}. */
    public AssetAttributes read(Path file) throws IOException {
        String name = TextInput.name(file);
        Map<String, Map<String, String>> byAsset = new LinkedHashMap<>();
        Map<String, Long> lineOf = new HashMap<>();
        try (CsvReader<CsvRow> reader = CsvRows.open(file)) {
            Iterator<CsvRow> rows = reader.iterator();
            Header header = Header.read(rows, name);
            int a = header.index(assetColumn, "asset");
            while (rows.hasNext()) {
                CsvRow row = rows.next();
                header.checkWidth(row);
                String asset = Cells.text(row, a, "an asset id", name);
                Long first = lineOf.putIfAbsent(asset, row.line());
                if (first != null) {
                    throw new InvalidTelemetryException(name, row.line(), a + 1,
                            "asset '" + asset + "' is listed twice (first at line " + first + ")");
                }
                Map<String, String> attributes = new LinkedHashMap<>();
                for (int i = 0; i < row.size(); i++) {
                    if (i != a && !row.isMissing(i)) {
                        attributes.put(header.name(i), row.text(i));
                    }
                }
                byAsset.put(asset, attributes);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (CsvParseException e) {
            throw new InvalidTelemetryException(name, 0, 0, "malformed CSV: " + e.getMessage());
        }
        return new AssetAttributes(byAsset);
    }
}
