package org.prognos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prognos.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.io.Datasets;
import org.prognos.features.scan.FleetScan;
import org.prognos.features.scan.ScanJson;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.LoadedModel;

/**
 * {@code prognos report} end to end: a small SYNTHETIC fleet from {@code prognos synth}, a small real model from
 * {@code prognos train}, then reports (latest, as of a time, compared with a previous one) and their files.
 */
class ReportCommandTest {
    static final int ASSETS = 40;
    static final String JOB = """
            name: fleet-7d
            data:
              train: fleet
            spec: %s
            task:
              type: failure-within-horizon
              horizon: 7d
            model:
              family: xgboost
              params: {trees: 20, maxDepth: 4}
            split: {method: asset, testFraction: 0.2, validationFraction: 0.25}
            costs: {missedFailure: 20, needlessVisit: 1}
            registry: registry
            seed: 7
            """;

    @TempDir
    static Path tmp;


    @BeforeAll
    static void fleetAndModel() throws Exception {
        CliRun s = run("synth", "--out", tmp.resolve("fleet").toString(), "--assets", Integer.toString(ASSETS), "--hours", "1500",
                "--seed", "3", "--reliability", "wearing", "--threads", "1");
        assertEquals(0, s.code(), s.err());
        Path job = tmp.resolve("job.yaml");
        Files.writeString(job, JOB.formatted(Path.of("../notebooks-data/specs/network-fleet.json").toAbsolutePath()));
        CliRun t = run("train", "--config", job.toString());
        assertEquals(0, t.code(), t.err());
    }

    @Test
    void report_ranks_every_asset_writes_three_files_and_lists_changes_since_a_previous_report() throws Exception {
        String registry = tmp.resolve("registry").toString();
        String fleet = tmp.resolve("fleet").toString();
        Path week1 = tmp.resolve("week1");
        Path week2 = tmp.resolve("week2");
        CliRun a = run("report", "--registry", registry, "--model", "fleet-7d", "--data", fleet, "--out", week1.toString(),
                "--as-of", "2024-02-20 00:00:00", "--explain", "5");
        assertEquals(0, a.code(), a.err());
        assertTrue(a.out().startsWith(ASSETS + " assets scored with fleet-7d"), a.out());
        assertTrue(a.out().contains("scored as of 2024-02-20 00:00:00"), a.out());
        // the trained bundle carries its profile, so the report judges its inputs against it
        assertTrue(java.util.regex.Pattern.compile("input drift against the training profile: (stable|moderate|drifted|warming-up)"
                + " over \\d+ vectors").matcher(a.out()).find(), a.out());
        Path actions = tmp.resolve("actions.yaml");
        Files.writeString(actions, "report:\n  actions:\n    low: {action: \"nothing this week\", leadTime: \"\"}\n");
        CliRun b = run("report", "--registry", registry, "--model", "fleet-7d", "--data", fleet, "--out", week2.toString(),
                "--previous", week1.toString(), "--explain", "5", "--actions", actions.toString());
        assertEquals(0, b.code(), b.err());
        assertTrue(b.out().contains("changes: "), b.out());
        assertTrue(b.out().contains("wrote " + week2.resolve("report.html")), b.out());

        JsonNode json = new ObjectMapper().readTree(week2.resolve("report.json").toFile());
        assertEquals("prognos-report/2", json.path("format").asText());
        for (JsonNode row : json.path("assets")) {
            if (row.path("band").asText().equals("low")) {
                assertEquals("nothing this week", row.at("/action/action").asText(), "the --actions file's low action");
            }
        }
        assertEquals("latest", json.path("asOf").asText());
        assertEquals(ASSETS, json.path("assets").size());
        assertTrue(json.path("changes").path("compared").asBoolean());
        double previous = 1;
        for (int i = 0; i < ASSETS; i++) {
            JsonNode row = json.path("assets").get(i);
            assertEquals(i + 1, row.path("rank").asInt());
            assertTrue(row.path("risk").asDouble() <= previous, "ranked by risk, descending");
            previous = row.path("risk").asDouble();
        }
        List<String> csv = Files.readAllLines(week2.resolve("report.csv"));
        assertEquals(ASSETS + 1, csv.size());
        assertTrue(csv.get(0).startsWith("rank,asset,scored_at,band,risk,health_index,component_at_risk,rul,rul_low,rul_high,rul_coverage,p_failure,"), csv.get(0));
        String html = Files.readString(week2.resolve("report.html"));
        assertTrue(html.contains("<h2>Changes since the previous report</h2>") && html.contains("<svg"));
        JsonNode older = new ObjectMapper().readTree(week1.resolve("report.json").toFile());
        assertEquals("2024-02-20 00:00:00", older.path("asOf").asText());
        assertTrue(older.path("assets").get(0).path("scoredAt").asText().equals("2024-02-20 00:00:00"));
    }

    @Test
    void a_bad_as_of_time_ends_with_one_clear_message() {
        CliRun r = run("report", "--registry", tmp.resolve("registry").toString(), "--model", "fleet-7d", "--data",
                tmp.resolve("fleet").toString(), "--out", tmp.resolve("bad").toString(), "--as-of", "next tuesday");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("prognos report: --as-of: "), r.err());
    }

    /** The Spark job's report input is the fleet's scans as JSON lines; here they are written on one machine. */
    @Test
    void report_from_scans_writes_the_report_of_the_data() throws Exception {
        Path scans = tmp.resolve("scans");
        Files.createDirectories(scans);
        try (LoadedModel m = LoadedModel.load(new ModelRegistry(tmp.resolve("registry")), "fleet-7d")) {
            String hash = m.extractor().spec().hash();
            Files.write(scans.resolve("part-00000"), FleetScan.run(m.extractor(), Datasets.open(tmp.resolve("fleet"), null),
                    OptionalLong.empty(), 1, n -> { }).stream().map(s -> ScanJson.write(s, hash)).toList(),
                    StandardCharsets.UTF_8);
        }
        String registry = tmp.resolve("registry").toString();
        CliRun fromData = run("report", "--registry", registry, "--model", "fleet-7d", "--data", tmp.resolve("fleet").toString(),
                "--out", tmp.resolve("from-data").toString(), "--threads", "1");
        CliRun fromScans = run("report", "--registry", registry, "--model", "fleet-7d", "--scans", scans.toString(),
                "--out", tmp.resolve("from-scans").toString(), "--threads", "1");

        assertEquals(0, fromData.code(), fromData.err());
        assertEquals(0, fromScans.code(), fromScans.err());
        assertTrue(fromScans.out().startsWith(ASSETS + " assets scored"), fromScans.out());
        assertEquals(Files.readString(tmp.resolve("from-data").resolve("report.csv")),
                Files.readString(tmp.resolve("from-scans").resolve("report.csv")), "report.csv");
    }

    @Test
    void report_needs_either_data_or_scans() {
        CliRun r = run("report", "--registry", tmp.resolve("registry").toString(), "--model", "fleet-7d",
                "--out", tmp.resolve("none").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("give either --data (a dataset to scan) or --scans"), r.err());
    }
}
