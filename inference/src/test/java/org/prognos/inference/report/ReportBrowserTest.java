package org.prognos.inference.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.models.runtime.LoadedModel;

/**
 * The generated report opens in headless Chromium, renders its charts and table, and logs no console message
 * (the page has no script, so any console line is an error: a parse or CSP complaint, an uncaught exception).
 * The screenshot is kept at {@code target/report-browser/report.png}. Chromium is required where {@code CI} is set
 * ({@code .ci/run} installs it); elsewhere the test is skipped, saying so, when no Chromium is found.
 */
class ReportBrowserTest {
    static final Path OUT = Path.of("target", "report-browser");
    static final int WIDTH = 1280;
    static final int HEIGHT = 4000;
    /** Measures what the browser laid out; appended to a copy of the page only. */
    static final String PROBE = "<script>(function(){var s=[].slice.call(document.querySelectorAll('svg'));"
            + "var drawn=s.filter(function(e){var r=e.getBoundingClientRect(),b=e.getBBox();"
            + "return r.width>100&&r.height>50&&b.width>0&&b.height>0;}).length;"
            + "var rows=[].filter.call(document.querySelectorAll('table#ranking tbody tr'),function(t){return t.getBoundingClientRect().height>0;}).length;"
            + "var p=document.createElement('pre');p.id='probe';p.textContent='svg='+s.length+' drawn='+drawn+' rows='+rows;"
            + "document.body.appendChild(p);})();</script>";
    /** Badge and bar colours of the bands, as the page's style sheet and chart draw them. */
    static final Map<String, Integer> BAND_COLOURS = Map.of("low", 0x2e7d32, "watch", 0xf9a825, "high", 0xef6c00, "critical", 0xc62828);
    static final Pattern PROBED = Pattern.compile("<pre id=\"probe\">svg=(\\d+) drawn=(\\d+) rows=(\\d+)</pre>");

    @TempDir
    Path dir;

    @Test
    void report_renders_its_charts_and_table_in_headless_chromium_without_console_errors() throws Exception {
        HeadlessChromium chromium = chromium();
        Path report = OUT.resolve("report");
        LoadedModel model = AzureWeekModel.publishAndLoad(dir.resolve("registry"));
        FleetReport.Result r;
        try {
            FleetReport.generate(model, request(dir.resolve("previous"), "2015-11-22", Optional.empty()), n -> { });
            r = FleetReport.generate(model, request(report, "2015-12-01", Optional.of(dir.resolve("previous"))), n -> { });
        } finally {
            model.close();
        }
        assertTrue(r.changes().compared());

        Path png = OUT.resolve("report.png");
        Files.deleteIfExists(png);
        HeadlessChromium.Run run = chromium.open(r.html(), Optional.of(png), WIDTH, HEIGHT, dir.resolve("chromium"));
        assertEquals(List.of(), run.consoleMessages(), "console messages of " + r.html());
        String dom = run.dom();
        assertTrue(dom.contains("<h2>Ranked assets</h2>"), "the DOM after load has the page");
        assertEquals(r.rows().size(), count(dom, "<tr><td class=\"num\">"), "a table row per asset");
        assertTrue(dom.contains("<h2>Changes since the previous report</h2>"));
        int svgs = count(dom, "<svg");
        assertTrue(svgs >= 1 + ReportPage.CHARTED_ASSETS, "band chart and a chart per charted asset at least, found " + svgs);
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(dom).find(), "the page loads nothing from elsewhere");

        BufferedImage shot = ImageIO.read(png.toFile());
        assertEquals(WIDTH, shot.getWidth());
        for (String band : r.rows().stream().map(ReportRow::band).distinct().toList()) {
            assertTrue(hasColour(shot, BAND_COLOURS.get(band)), "the colour of band " + band + " (badges, chart bar) on the screenshot");
        }

        Path probe = report.resolve("probe.html");
        Files.writeString(probe, Files.readString(r.html(), StandardCharsets.UTF_8).replace("</body>", PROBE + "</body>"),
                StandardCharsets.UTF_8);
        HeadlessChromium.Run probed = chromium.open(probe, Optional.empty(), WIDTH, HEIGHT, dir.resolve("probe"));
        assertEquals(List.of(), probed.consoleMessages(), "console messages of the probe");
        Matcher m = PROBED.matcher(probed.dom());
        assertTrue(m.find(), "the probe ran");
        assertEquals(svgs, Integer.parseInt(m.group(1)));
        assertEquals(svgs, Integer.parseInt(m.group(2)), "every chart laid out with drawn content");
        assertEquals(r.rows().size(), Integer.parseInt(m.group(3)), "every row of the ranking laid out");
    }

    @Test
    void the_console_check_sees_a_logged_error_and_an_uncaught_exception() throws Exception {
        Path page = dir.resolve("broken.html");
        Files.writeString(page, "<!DOCTYPE html><html><body><p>x</p><script>console.error('broken-page');"
                + "undefinedFunction();</script></body></html>", StandardCharsets.UTF_8);
        List<String> messages = chromium().open(page, Optional.empty(), 400, 300, dir.resolve("broken")).consoleMessages();
        assertTrue(messages.stream().anyMatch(l -> l.contains("broken-page")), "console.error logged: " + messages);
        assertTrue(messages.stream().anyMatch(l -> l.contains("Uncaught ReferenceError")), "uncaught exception logged: " + messages);
    }

    /** The browser; fails in CI when there is none, else skips saying why. */
    static HeadlessChromium chromium() {
        return HeadlessChromium.required();
    }

    static FleetReport.Request request(Path out, String day, Optional<Path> previous) {
        return new FleetReport.Request(AzureWeekModel.data(), OptionalLong.of(AzureWeekModel.time(day + " 00:00:00")), previous, out, 2, 25);
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }

    static boolean hasColour(BufferedImage image, int rgb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }
}
