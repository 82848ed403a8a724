package org.prognos.inference.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.AlertsConfig;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.live.alert.AlertRule;
import org.prognos.live.alert.AlertTransition;
import org.prognos.live.alert.DataTime;
import org.prognos.live.alert.Direction;
import org.prognos.live.alert.Driver;
import org.prognos.live.alert.Observation;
import org.prognos.live.alert.Outlook;

/** The Alerts section of inference/README.md holds: its payload is what a webhook gets, its config reads, its signature checks. */
class AlertReadmeTest {
    static final Pattern BLOCK = Pattern.compile("<!-- %s -->\\s*```\\w+\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    static String block(String marker) throws IOException {
        Matcher m = Pattern.compile(String.format(BLOCK.pattern(), marker), Pattern.DOTALL).matcher(Files.readString(Path.of("README.md")));
        assertTrue(m.find(), marker + " in README.md");
        return m.group(1);
    }

    static Observation azure(int hour, double p) {
        long micros = Instant.parse(String.format("2015-12-01T%02d:00:00Z", hour)).getEpochSecond() * 1_000_000L;
        Map<String, Double> byComponent = new LinkedHashMap<>();
        byComponent.put("comp1", 0.01);
        byComponent.put("comp2", 0.38);
        byComponent.put("comp3", 0.01);
        byComponent.put("comp4", 0.01);
        return new Observation("machine-55", "azure-24h", 3, new DataTime(micros, String.format("2015-12-01 %02d:00:00", hour)), p,
                0.3, Direction.HIGH_IS_BAD, Optional.of("comp2"),
                List.of(new Driver("since_maint_comp2", "days since comp2 replaced", 0.21),
                        new Driver("vibration_mean_24h", "vibration, 24 h mean", 0.06)),
                new Outlook.Failure("24h", p, byComponent));
    }

    @Test
    void the_payload_example_is_exactly_what_a_destination_receives() throws IOException {
        Clock clock = Clock.fixed(Instant.parse("2025-03-04T10:15:02.117Z"), ZoneOffset.UTC);
        RecordingDestination sink = new RecordingDestination("ops");
        try (AlertService alerts = new AlertService(AlertRule.defaults(), Optional.empty(), List.of(sink), new ServiceMetrics(), clock, 1)) {
            for (int hour = 3; hour <= 5; hour++) {
                List<AlertTransition> t = alerts.observe(azure(hour, hour == 5 ? 0.41 : 0.35));
                alerts.apply(t);
            }
            Scores.await("delivered", () -> sink.received().size() == 1);
        }
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(block("alert payload")), json.readTree(sink.received().get(0).body()));
    }

    @Test
    void the_config_example_reads() throws IOException {
        Path f = dir.resolve("service.yaml");
        Files.writeString(f, block("alerts config"));
        AlertsConfig a = ServiceConfig.read(f).alerts();
        assertEquals(new AlertRule(3, 0.2), a.rule());
        assertEquals("ops", a.webhooks().get(0).name());
    }

    @Test
    void the_signature_example_checks() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String documented = "sha256=b73a846248db629f6e285927cadba9ae783a59edd785b1c037cd28f95cb5af94";
        assertTrue(readme.contains("`" + documented + "`") && readme.contains("`s3cret`") && readme.contains("`1741083302`")
                && readme.contains("`{\"event\":\"opened\"}`"));
        assertEquals(documented, WebhookDestination.signature("s3cret".getBytes(StandardCharsets.UTF_8), "1741083302",
                "{\"event\":\"opened\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
