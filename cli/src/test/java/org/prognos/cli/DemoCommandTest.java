package org.prognos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prognos demo --check} end to end on the bundled data: the four example jobs (three supervised, one anomaly
 * model) train and are promoted, the
 * report is written, the service starts and answers every example the demo prints (the demo stops at the first
 * answer that is not 200), and the service is stopped afterwards. A second run reuses the registry.
 */
class DemoCommandTest {
    @TempDir
    Path dir;

    static CliRun demo(String... args) {
        return CliRun.command("demo", args);
    }

    @Test
    void trains_reports_serves_and_checks_every_example_then_reuses_the_registry() throws Exception {
        Path data = WalkthroughsTest.ROOT.resolve("notebooks-data");
        CliRun first = demo("--check", "--port", "0", "--dir", dir.toString(), "--data", data.toString());
        assertEquals(0, first.code(), first.out() + first.err());
        for (String model : new String[] {"azure-24h:1", "azure-7d:1", "cmapss-fd001-rul:1", "azure-anomaly-knn:1"}) {
            assertTrue(first.out().contains("trained " + model), first.out());
        }
        // signed with the demo key, which the service's trust list holds
        assertTrue(first.out().contains("signed azure-24h:1, azure-7d:1, cmapss-fd001-rul:1, azure-anomaly-knn:1 with demo key "), first.out());
        assertTrue(first.out().contains("the service serves only bundles signed by it (trust.keys: " + dir.resolve("keys/demo.pub")),
                first.out());
        assertTrue(Files.size(dir.resolve("report/report.html")) > 10_000);
        assertTrue(Files.exists(dir.resolve("report/report.json")));

        // drift, live: the 7-day model's inputs drift once every vibration reading is offset, and vibration leads
        assertTrue(first.out().contains("== drift"), first.out());
        Matcher drifted = Pattern.compile("azure-7d v1: drifted over \\d+ vectors; largest PSI: vibration_").matcher(first.out());
        assertTrue(drifted.find(), first.out());

        // the service's score of the report's top machine is the report's number
        Matcher same = Pattern.compile("risk ([0-9.]+), band (\\w+); the report said ([0-9.]+), (\\w+)").matcher(first.out());
        assertTrue(same.find(), first.out());
        assertEquals(same.group(3), same.group(1));
        assertEquals(same.group(4), same.group(2));
        // the RUL example is a real prediction of a real engine: engine 24 has 20 cycles left
        Matcher rul = Pattern.compile("predicted ([0-9.]+) cycles \\(true RUL (\\d+)").matcher(first.out());
        assertTrue(rul.find(), first.out());
        assertTrue(Math.abs(Double.parseDouble(rul.group(1)) - Integer.parseInt(rul.group(2))) < 25, rul.group());
        // the anomaly model answers the same machine with a calibrated score, a health index and the sensors it blames
        Matcher anomaly = Pattern.compile("anomaly score ([0-9.]+) \\(.*\\), band (low|watch|high|critical), health ([0-9.]+);"
                + " top sensors: (\\w+) -?[0-9]+ %").matcher(first.out());
        assertTrue(anomaly.find(), first.out());
        double score = Double.parseDouble(anomaly.group(1));
        assertTrue(score >= 0 && score <= 1, anomaly.group());
        assertTrue(List.of("volt", "rotate", "pressure", "vibration").contains(anomaly.group(4)), anomaly.group());
        // seventeen curl examples (nine, then eight of drift), each already answered 200, with this run's keys
        String key = Files.readAllLines(dir.resolve("api-keys.env")).stream().filter(l -> l.startsWith("SCORE_KEY="))
                .findFirst().orElseThrow().substring("SCORE_KEY=".length());
        assertEquals(17, first.out().lines().filter(l -> l.startsWith("curl ")).count(), first.out());
        assertTrue(first.out().contains("Bearer " + key));

        // the live fleet: the Azure machines replayed over the embedded broker, every message applied, alerts opened
        Matcher fleet = Pattern.compile("([0-9,]+) messages applied over MQTT; (\\d+) alerts opened").matcher(first.out());
        assertTrue(fleet.find(), first.out());
        assertTrue(Long.parseLong(fleet.group(1).replace(",", "")) > 50_000, fleet.group());
        assertTrue(Integer.parseInt(fleet.group(2)) > 0, fleet.group());
        assertTrue(first.out().contains("ALERT opened"), first.out());

        // --check stops the service
        Matcher base = Pattern.compile("on (http://127\\.0\\.0\\.1:\\d+)").matcher(first.out());
        assertTrue(base.find());
        HttpRequest live = HttpRequest.newBuilder(URI.create(base.group(1) + "/health/live")).build();
        assertThrows(ConnectException.class, () -> HttpClient.newHttpClient().send(live, HttpResponse.BodyHandlers.discarding()));

        CliRun second = demo("--check", "--port", "0", "--dir", dir.toString(), "--data", data.toString());
        assertEquals(0, second.code(), second.out() + second.err());
        assertTrue(second.out().contains("reusing azure-7d:1"), second.out());
    }

    @Test
    void names_the_missing_bundled_data() {
        CliRun r = demo("--check", "--port", "0", "--dir", dir.toString(), "--data", dir.resolve("nowhere").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nowhere"), r.err());
    }
}
