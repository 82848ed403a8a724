package org.prognos.inference.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.telemetry.AssetAttributes;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.EventLog;
import org.prognos.features.telemetry.InMemoryTelemetry;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.models.runtime.LoadedModel;

/**
 * The page at fleet scale, on SYNTHETIC data made up here (not real machines): 10,000 assets shaped like the Azure
 * PdM machines (the weekly model's four channels around the bundled data's typical levels, a day and a bit of hourly
 * readings each, a model and an age, one to four component replacements in the past year), scored by the real
 * weekly test model, every asset explained. Every asset has a table row and a section in the DOM headless Chromium
 * builds, and the page logs nothing. The HTML size and the time Chromium takes to load it are written to
 * {@code target/report-scale/figures.txt}: measured, never asserted (a timing does not decide a test).
 */
class ReportScaleTest {
    static final int ASSETS = 10_000;
    static final int HOURS = 30;
    static final Path OUT = Path.of("target", "report-scale");
    static final List<String> COMPONENTS = List.of("comp1", "comp2", "comp3", "comp4");

    @TempDir
    Path dir;

    @Test
    void a_10000_asset_report_has_every_asset_in_the_page_chromium_loads() throws Exception {
        HeadlessChromium chromium = ReportBrowserTest.chromium();
        Dataset fleet = syntheticFleet();
        FleetReport.Result r;
        LoadedModel model = AzureWeekModel.publishAndLoad(dir.resolve("registry"));
        try {
            r = FleetReport.generate(model, new FleetReport.Request(fleet, OptionalLong.empty(), Optional.empty(),
                    OUT.resolve("report"), 2, FleetReport.EXPLAIN_ALL), n -> { });
        } finally {
            model.close();
        }
        assertEquals(ASSETS, r.rows().size());

        Path empty = dir.resolve("empty.html");
        Files.writeString(empty, "<!DOCTYPE html><html><body><p>x</p></body></html>", StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        chromium.open(empty, Optional.empty(), ReportBrowserTest.WIDTH, 1000, dir.resolve("empty"));
        double emptySeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        HeadlessChromium.Run run = chromium.open(r.html(), Optional.of(OUT.resolve("report.png")), ReportBrowserTest.WIDTH,
                1000, dir.resolve("chromium"));
        double pageSeconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(List.of(), run.consoleMessages(), "console messages of " + r.html());
        assertEquals(ASSETS, ReportBrowserTest.count(run.dom(), "<tr><td class=\"num\">"), "a table row per asset");
        assertEquals(ASSETS, ReportBrowserTest.count(run.dom(), "<details class=\"asset\""), "a section per asset");

        Files.writeString(OUT.resolve("figures.txt"), String.format(Locale.ROOT,
                "assets %d (synthetic), report written in %.1f s (scan, score and explain all, files)%n"
                        + "report.html %.1f MB, report.csv %.1f MB, report.json %.1f MB%n"
                        + "headless Chromium load, dump DOM and screenshot: %.1f s (an empty page: %.1f s)%n",
                ASSETS, r.seconds(), Files.size(r.html()) / 1e6, Files.size(r.csv()) / 1e6, Files.size(r.json()) / 1e6,
                pageSeconds, emptySeconds), StandardCharsets.UTF_8);
    }

    /** SYNTHETIC: the fleet described in the class comment, from a fixed seed. */
    static Dataset syntheticFleet() {
        TimeAxis axis = AzureWeekModel.spec().time().toAxis();
        long start = AzureWeekModel.time("2016-01-01 00:00:00");
        long hour = TimeAxis.Timestamps.MICROS_PER_HOUR;
        SplittableRandom random = new SplittableRandom(42);
        InMemoryTelemetry telemetry = new InMemoryTelemetry("synthetic-fleet", axis, AzureWeekModel.spec().channels());
        List<Event> events = new ArrayList<>();
        Map<String, Map<String, String>> attributes = new HashMap<>();
        for (int a = 1; a <= ASSETS; a++) {
            String asset = "s" + a;
            double wear = random.nextDouble() < 0.05 ? 1 : 0;   // a few assets run rough
            for (int h = 0; h < HOURS; h++) {
                telemetry.add(asset, start + h * hour, 170 + 15 * random.nextGaussian(),
                        450 - 60 * wear + 50 * random.nextGaussian(), 100 + 15 * wear + 10 * random.nextGaussian(),
                        40 + 8 * wear + 5 * random.nextGaussian());
            }
            attributes.put(asset, Map.of("model", "model" + (1 + random.nextInt(4)), "age", Integer.toString(random.nextInt(21))));
            int replacements = 1 + random.nextInt(4);
            for (int k = 0; k < replacements; k++) {
                events.add(new Event(asset, start - (1 + random.nextInt(365 * 24)) * hour, EventKind.MAINTENANCE,
                        COMPONENTS.get(random.nextInt(COMPONENTS.size()))));
            }
        }
        return new Dataset(telemetry, new EventLog(events), new AssetAttributes(attributes));
    }
}
