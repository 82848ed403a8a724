package org.prognos.inference.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.models.TestModels;
import org.prognos.models.runtime.LoadedModel;

/** inference/REPORT.md documents every field a real report.json and report.csv hold, and the current format. */
class ReportSchemaDocTest {
    /** Objects whose keys are data (band names, component classes, attribute names, components), not schema. */
    static final Set<String> DATA_KEYED = Set.of("bands", "byComponent", "attributes", "lastMaintenance");

    @TempDir
    Path dir;

    @Test
    void report_md_names_every_field_of_report_json_and_every_csv_column() throws Exception {
        String doc = Files.readString(TestModels.notebooksData().resolveSibling("inference").resolve("REPORT.md"), StandardCharsets.UTF_8);
        LoadedModel model = AzureWeekModel.publishAndLoad(dir.resolve("registry"));
        FleetReport.Result r;
        try {
            long asOf = AzureWeekModel.time("2015-12-01 00:00:00");
            FleetReport.generate(model, new FleetReport.Request(AzureWeekModel.data(), OptionalLong.of(asOf - AzureWeekModel.horizon()),
                    Optional.empty(), dir.resolve("previous"), 2, 3), n -> { });
            r = FleetReport.generate(model, new FleetReport.Request(AzureWeekModel.data(), OptionalLong.of(asOf),
                    Optional.of(dir.resolve("previous")), dir.resolve("now"), 2, 3), n -> { });
        } finally {
            model.close();
        }
        JsonNode json = FleetReport.JSON.readTree(r.json().toFile());
        assertEquals(FleetReport.FORMAT, json.path("format").asText());
        assertTrue(doc.contains("`" + FleetReport.FORMAT + "`"), "REPORT.md names the format " + FleetReport.FORMAT);
        Set<String> fields = new TreeSet<>();
        collect(json, fields);
        List<String> missing = new ArrayList<>();
        for (String f : fields) {
            if (!doc.contains("`" + f + "`")) {
                missing.add(f);
            }
        }
        String header = Files.readAllLines(r.csv(), StandardCharsets.UTF_8).get(0);
        for (String column : header.split(",")) {
            String generic = column.startsWith("p_") ? "p_<class>" : column;
            if (!doc.contains(generic)) {
                missing.add("csv " + column);
            }
        }
        assertEquals(List.of(), missing, "fields of report.json / report.csv not documented in inference/REPORT.md");
    }

    private static void collect(JsonNode node, Set<String> fields) {
        if (node.isArray()) {
            node.forEach(n -> collect(n, fields));
        } else if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                fields.add(name);
                if (!DATA_KEYED.contains(name)) {
                    collect(node.get(name), fields);
                }
            }
        }
    }
}
