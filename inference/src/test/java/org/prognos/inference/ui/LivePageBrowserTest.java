package org.prognos.inference.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.Http;
import org.prognos.inference.report.HeadlessChromium;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;

/**
 * The live fleet page at {@code /ui/} in a real headless Chromium against the real service ({@link LiveFleet}): it asks
 * for the key once, ranks the streamed assets, shows a row for an asset whose readings arrive while it is open (no
 * reload), acknowledges an open alert through the API, shows the model's drift, and draws an asset's risk, drivers and
 * sensor traces; and nothing on the way logs a console message, throws, or fails to load. Screenshots are kept at
 * {@code target/live-page/fleet.png} and {@code asset.png}. Chromium is required where {@code CI} is set; elsewhere the
 * test is skipped, saying so, without one.
 */
class LivePageBrowserTest {
    static final Path OUT = Path.of("target", "live-page");
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final double TOLERANCE = 1e-12;

    @TempDir
    static Path dir;
    static Server server;
    static Http http;

    @BeforeAll
    static void start() {
        server = LiveFleet.start(dir);
        http = new Http(server.port()).withKey(Http.OPERATE_KEY);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void the_page_ranks_the_fleet_live_acknowledges_an_alert_and_charts_an_asset_without_console_errors() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.required();
        LiveFleet.Hot hot = LiveFleet.hot();
        String hotAsset = "hot-" + hot.machine();
        // the hot machine's last hours one call each, as a device sends them: a score per hour for the risk chart
        LiveFleet.stream(http, hotAsset, hot.machine(), hot.time() - 6 * LiveFleet.HOUR);
        for (long t = hot.time() - 5 * LiveFleet.HOUR; t <= hot.time(); t += LiveFleet.HOUR) {
            assertEquals(200, http.post("/v1/assets/" + hotAsset + "/readings",
                    Map.of("readings", TestModels.azureReadings(hot.machine(), t, t + 1))).status());
        }
        JsonNode open = http.get("/v1/alerts?state=open").json();
        assertEquals(1, open.at("/count").asInt(), "the hot machine's score opened an alert: " + open);
        String alertId = open.at("/alerts/0/id").asText();
        List<String> others = List.of("52", "57", "64").stream().filter(m -> !m.equals(hot.machine())).limit(2).toList();
        for (String m : others) {
            LiveFleet.stream(http, "pump-" + m, m, hot.time());
        }

        try (DevToolsPage page = DevToolsPage.open(chromium, dir.resolve("chromium"), 1280, 1000)) {
            page.navigate("http://127.0.0.1:" + server.port() + "/ui/");
            page.await("the key form", () -> page.evaluate("!document.getElementById('key-form').hidden").asBoolean(), PATIENCE);
            page.evaluate("document.getElementById('key').value = '" + Http.OPERATE_KEY + "';"
                    + " document.getElementById('key-form').requestSubmit(); window.sameDocument = true");
            int tracked = 1 + others.size();
            page.await("a row per tracked asset", () -> rows(page) == tracked, PATIENCE);
            JsonNode ranking = http.get("/v1/fleet/at-risk").json();
            assertEquals(ranking.at("/assets/0/asset").asText(), page.evaluate(
                    "document.querySelector('#fleet tbody tr').dataset.asset").asText(), "the page ranks as the API");
            page.await("the open alert", () -> page.evaluate("!!document.querySelector('li[data-alert=\"" + alertId + "\"] button.ack')")
                    .asBoolean(), PATIENCE);
            page.await("the model's drift", () -> page.evaluate("(document.querySelector('tr[data-model=\"" + LiveFleet.MODEL
                    + "\"]') || {}).textContent || ''").asText().contains("v1"), PATIENCE);
            assertEquals(0, page.evaluate("document.getElementById('asset-view').getBoundingClientRect().height").asInt(),
                    "the asset page hidden on the fleet page");
            page.screenshot(OUT.resolve("fleet.png"));

            // readings of a new asset arrive while the page is open: its row appears without a reload
            String late = "late-" + others.get(0);
            LiveFleet.stream(http, late, others.get(0), hot.time() - 24 * LiveFleet.HOUR);
            page.await("the new asset's row", () -> page.evaluate("!!document.querySelector('tr[data-asset=\"" + late + "\"]')")
                    .asBoolean(), PATIENCE);
            assertTrue(page.evaluate("window.sameDocument === true").asBoolean(), "the same document, not reloaded");
            double shown = page.evaluate("Number(document.querySelector('tr[data-asset=\"" + late + "\"]').dataset.risk)").asDouble();
            assertEquals(http.get("/v1/assets/" + late + "/score").json().at("/risk/score").asDouble(), shown, TOLERANCE);
            String lastReading = LiveFleet.AXIS.format(hot.time() - 24 * LiveFleet.HOUR);
            assertEquals(lastReading, page.evaluate("document.querySelector('tr[data-asset=\"" + late + "\"] td.time').textContent")
                    .asText(), "the row shows the asset's last reading time");

            page.evaluate("document.querySelector('li[data-alert=\"" + alertId + "\"] button.ack').click(); true");
            page.await("the acknowledgement", () -> http.get("/v1/alerts/" + alertId).json().has("acknowledged"), PATIENCE);
            assertEquals("acknowledged on the live page", http.get("/v1/alerts/" + alertId).json().at("/acknowledged/note").asText());
            page.await("the alert shown acknowledged", () -> page.evaluate("(document.querySelector('li[data-alert=\"" + alertId
                    + "\"]') || {}).textContent || ''").asText().contains("acknowledged by"), PATIENCE);

            page.evaluate("document.querySelector('tr[data-asset=\"" + hotAsset + "\"] a').click(); true");
            int channels = http.get("/v1/assets/" + hotAsset + "/history").json().at("/readings/channels").size();
            page.await("the asset page alone", () -> page.evaluate("document.getElementById('fleet-view').offsetParent === null"
                    + " && document.getElementById('asset-view').offsetParent !== null").asBoolean(), PATIENCE);
            page.await("the asset's charts and drivers", () -> page.evaluate("document.querySelectorAll('#asset-view .uplot').length")
                    .asInt() == 1 + channels && page.evaluate("document.querySelectorAll('#drivers tbody tr').length").asInt() > 0, PATIENCE);
            JsonNode score = http.get("/v1/assets/" + hotAsset + "/score").json();
            assertEquals(score.at("/explanation/topFeatures/0/feature").asText(),
                    page.evaluate("document.querySelector('#drivers tbody tr').dataset.feature").asText(), "the top driver first");
            JsonNode details = http.get("/v1/models/" + score.at("/model/name").asText()).json();
            int top = -1;
            for (int i = 0; i < details.at("/featureColumns").size(); i++) {
                if (details.at("/featureColumns/" + i).asText().equals(score.at("/explanation/topFeatures/0/feature").asText())) {
                    top = i;
                }
            }
            assertTrue(top >= 0, details.toString());
            assertEquals(details.at("/featureLabels/" + top).asText(),
                    page.evaluate("document.querySelector('#drivers tbody td').textContent").asText(), "drivers named for people");
            assertTrue(page.evaluate("[...document.querySelectorAll('#asset-view canvas')].every(c => c.width > 100 && c.height > 50)")
                    .asBoolean(), "every chart drawn on a canvas of some size");
            page.screenshot(OUT.resolve("asset.png"));

            assertEquals(List.of(), page.problems(), "console messages, exceptions and failed loads of the page");

            // the check can fail: a logged error and a refused data call (no key) are both seen
            page.evaluate("console.error('probe-error'); fetch('/v1/fleet/at-risk').then(r => r.status)");
            page.await("the probe's problems", () -> page.problems().stream().anyMatch(p -> p.contains("probe-error"))
                    && page.problems().stream().anyMatch(p -> p.contains("401")), PATIENCE);
        }
    }

    static int rows(DevToolsPage page) {
        return page.evaluate("document.querySelectorAll('#fleet tbody tr').length").asInt();
    }
}
