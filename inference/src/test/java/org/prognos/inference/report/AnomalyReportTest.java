package org.prognos.inference.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.models.TestModels;
import org.prognos.models.anomaly.HealthIndex;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.BandScale;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.runtime.RiskBand;

/**
 * The at-risk report with an anomaly model (the Azure knn fixture: fitted without labels on machines 1-14): every
 * machine is listed with its calibrated score, its health index and the sensors its raw score blames; bands follow
 * the false-alarm scale, so a fleet of mostly normal machines is mostly "low", not half on "watch".
 */
class AnomalyReportTest {
    static final double TOLERANCE = 1e-9;

    @TempDir
    Path dir;

    @Test
    void report_lists_anomaly_scores_health_index_and_top_sensors_for_every_machine() throws Exception {
        ModelRegistry registry = new ModelRegistry(dir.resolve("registry"));
        TestModels.publishAzureAnomaly(registry);
        long asOf = TimeAxis.Timestamps.utc().parse("2015-12-01 00:00:00");
        try (LoadedModel m = LoadedModel.load(registry, TestModels.AZURE_ANOMALY + "@production")) {
            FleetReport.Result r = FleetReport.generate(m, new FleetReport.Request(TestModels.azureData(), OptionalLong.of(asOf),
                    Optional.empty(), dir.resolve("report"), 2, 3), n -> { });
            assertEquals(70, r.rows().size());
            BandScale bands = new BandScale.FalseAlarm(TestModels.ANOMALY_FALSE_ALARM_RATE);
            long low = 0;
            for (ReportRow row : r.rows()) {
                assertEquals(HealthIndex.of(row.risk(), TestModels.ANOMALY_FALSE_ALARM_RATE), row.healthIndex(), TOLERANCE, row.asset());
                assertEquals(bands.band(row.risk()).label(), row.band(), row.asset());
                assertFalse(row.sensors().isEmpty(), "every machine names the sensors its score blames: " + row);
                assertTrue(row.sensors().size() <= 3 && row.sensors().stream().noneMatch(String::isBlank), row.toString());
                low += row.band().equals(RiskBand.LOW.label()) ? 1 : 0;
            }
            assertTrue(low >= 35, "most machines read low on the false-alarm scale: " + low + " of 70");
            assertTrue(r.rows().get(0).risk() >= r.rows().get(69).risk(), "ranked by score");
            JsonNode json = new ObjectMapper().readTree(r.json().toFile());
            assertEquals(r.rows().get(0).healthIndex(), json.at("/assets/0/healthIndex").asDouble(), 1e-6, json.toString());
            assertFalse(json.at("/assets/0/topSensors").isEmpty(), json.at("/assets/0").toString());
            String csv = Files.readString(r.csv(), StandardCharsets.UTF_8);
            assertEquals(71, csv.lines().count(), "a header and a line per machine");
            assertTrue(csv.lines().skip(1).findFirst().orElseThrow().contains(r.rows().get(0).sensors().get(0)), csv);
        }
    }
}
