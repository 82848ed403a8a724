package org.prognos.inference.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.models.runtime.LoadedModel;

/**
 * What the at-risk report's page, CSV and JSON say about each asset, on the bundled Azure PdM data with the weekly
 * model: the table and the asset's section name the same drivers in the same order, labelled from the feature spec;
 * every asset has a row and a section; the scoring time, the component at risk, attributes, last maintenance, the
 * action and, against a previous report, each change's old and new risk are there.
 */
class ReportPageTest {
    static final Pattern ROW = Pattern.compile("<tr><td class=\"num\">(\\d+)</td><td><a href=\"#asset-(\\d+)\">([^<]*)</a>.*?"
            + "<td class=\"drivers\">([^<]*)</td>");
    static final Pattern SECTION = Pattern.compile("<details class=\"asset\" id=\"asset-(\\d+)\"[^>]*>(.*?)</details>",
            Pattern.DOTALL);
    static final Pattern ITEM = Pattern.compile("<li>([^<]*)</li>");
    static final double TOLERANCE = 1e-9;

    @TempDir
    static Path dir;
    static LoadedModel model;
    static FleetReport.Result result;
    static String html;
    static JsonNode json;
    static JsonNode previous;

    @BeforeAll
    static void report() throws Exception {
        model = AzureWeekModel.publishAndLoad(dir.resolve("registry"));
        FleetReport.generate(model, ReportBrowserTest.request(dir.resolve("previous"), "2015-11-22", Optional.empty()), n -> { });
        result = FleetReport.generate(model, ReportBrowserTest.request(dir.resolve("now"), "2015-12-01",
                Optional.of(dir.resolve("previous"))), n -> { });
        html = Files.readString(result.html(), StandardCharsets.UTF_8);
        json = FleetReport.JSON.readTree(result.json().toFile());
        previous = FleetReport.JSON.readTree(dir.resolve("previous").resolve("report.json").toFile());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void the_table_and_each_section_name_the_same_drivers_in_the_same_order() {
        Map<Integer, String> table = new HashMap<>();
        for (Matcher m = ROW.matcher(html); m.find(); ) {
            table.put(Integer.parseInt(m.group(1)), unescape(m.group(4)));
        }
        Map<Integer, List<String>> sections = sections();
        int explained = 0;
        for (ReportRow r : result.rows()) {
            List<String> detail = sections.get(r.rank());
            assertEquals(String.join("; ", detail), table.get(r.rank()), "drivers of " + r.asset() + " in table and section");
            assertEquals(r.drivers().stream().map(Driver::text).toList(), detail, "drivers of " + r.asset());
            JsonNode d = json.at("/assets/" + (r.rank() - 1) + "/drivers");
            assertEquals(r.drivers().size(), d.size());
            for (int i = 0; i < d.size(); i++) {
                assertEquals(r.drivers().get(i).feature(), d.get(i).path("feature").asText());
                assertEquals(model.extractor().label(d.get(i).path("feature").asText()), d.get(i).path("label").asText(),
                        "a driver is labelled from the feature spec");
            }
            for (int i = 1; i < r.drivers().size(); i++) {
                assertTrue(r.drivers().get(i - 1).contribution() > 0 || r.drivers().get(i).contribution() <= 0,
                        "drivers that raise the risk come first: " + r.drivers());
            }
            explained += r.drivers().isEmpty() ? 0 : 1;
        }
        assertEquals(result.rows().size(), explained, "every asset explained (--explain defaults to all)");
        assertTrue(result.rows().stream().flatMap(r -> r.drivers().stream()).anyMatch(d -> d.label().startsWith("days since comp")),
                "the time since a component was replaced is named as people say it");
        assertTrue(result.rows().stream().flatMap(r -> r.drivers().stream()).noneMatch(d -> d.label().contains("_")),
                "no column name shows through as a driver");
    }

    @Test
    void every_asset_has_a_table_row_a_section_a_csv_row_and_a_json_entry() throws Exception {
        int rows = 0;
        for (Matcher m = ROW.matcher(html); m.find(); ) {
            rows++;
            assertEquals(m.group(1), m.group(2), "the row links to its section");
        }
        assertEquals(70, result.rows().size());
        assertEquals(result.rows().size(), rows);
        Map<Integer, List<String>> sections = sections();
        assertEquals(result.rows().size(), sections.size());
        for (ReportRow r : result.rows()) {
            assertTrue(sections.containsKey(r.rank()), "section of " + r.asset());
            assertTrue(html.contains("<summary>" + r.rank() + ". " + r.asset() + " — "), "section title of " + r.asset());
        }
        assertEquals(result.rows().size() + 1, Files.readAllLines(result.csv(), StandardCharsets.UTF_8).size());
        assertEquals(result.rows().size(), json.path("assets").size());
    }

    @Test
    void the_page_and_files_say_when_the_assets_were_scored() {
        assertTrue(html.contains("70 assets scored <b>as of 2015-12-01 00:00:00</b>"), "the page's first line");
        assertEquals("2015-12-01 00:00:00", json.at("/scoredAt/earliest").asText());
        assertEquals("2015-12-01 00:00:00", json.at("/scoredAt/latest").asText());
        assertEquals("as of 2015-12-01 00:00:00", result.scoredWhen());
        assertEquals("none", json.path("calibration").asText(), "the fixture's bundle carries no calibration");
    }

    @Test
    void each_asset_names_its_component_at_risk_with_every_component_probability() {
        for (JsonNode a : json.path("assets")) {
            String most = null;
            double p = -1;
            for (var it = a.path("byComponent").fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getValue().asDouble() > p) {
                    most = e.getKey();
                    p = e.getValue().asDouble();
                }
            }
            assertEquals(most, a.path("componentAtRisk").asText(), a.toString());
        }
        ReportRow top = result.rows().get(0);
        String section = section(top.rank());
        assertTrue(html.contains("— " + top.componentAtRisk().orElseThrow() + " at risk</summary>"));
        for (String c : top.byComponent().keySet()) {
            assertTrue(section.contains("<dt>P(" + c + " fails)</dt>"), "P(" + c + ") in the section of " + top.asset());
        }
    }

    @Test
    void each_asset_shows_its_attributes_last_maintenance_and_action() {
        ReportRow top = result.rows().get(0);
        String section = section(top.rank());
        assertEquals(Map.of("model", top.facts().attributes().get("model"), "age", top.facts().attributes().get("age")),
                top.facts().attributes(), "the Azure machines' attributes");
        assertTrue(section.contains("<dt>attributes</dt><dd>" + top.facts().attributesText() + "</dd>"), section);
        assertFalse(top.facts().lastMaintenance().isEmpty(), "Azure machines' maintenance log");
        for (String when : top.facts().lastMaintenance().values()) {
            assertTrue(when.compareTo("2015-12-01 00:00:00") < 0, "maintenance before the scoring time: " + when);
        }
        assertTrue(section.contains("<dt>last maintenance</dt><dd>" + top.facts().maintenanceText() + "</dd>"), section);
        assertEquals(ReportActions.defaults().forAsset(org.prognos.models.runtime.RiskBand.valueOf(top.band().toUpperCase()),
                top.componentAtRisk(), "7d"), top.action());
        assertTrue(section.contains("<dt>action</dt><dd>" + top.action().action()), section);
        JsonNode a = json.at("/assets/0");
        assertEquals(top.action().action(), a.at("/action/action").asText());
        assertEquals(top.facts().attributes().get("age"), a.at("/attributes/age").asText());
    }

    @Test
    void changes_give_the_risk_before_and_now_and_the_driver_that_moved_it_most() {
        Map<String, JsonNode> before = new HashMap<>();
        previous.path("assets").forEach(n -> before.put(n.path("asset").asText(), n));
        Map<String, ReportRow> now = new HashMap<>();
        result.rows().forEach(r -> now.put(r.asset(), r));
        JsonNode changes = json.at("/changes/assets");
        assertTrue(changes.size() > 0, "the fleet changed in nine days");
        int named = 0;
        for (JsonNode c : changes) {
            String asset = c.path("asset").asText();
            assertEquals(before.get(asset).path("risk").asDouble(), c.path("riskBefore").asDouble(), TOLERANCE);
            assertEquals(now.get(asset).risk(), c.path("risk").asDouble(), TOLERANCE);
            assertEquals(before.get(asset).path("band").asText(), c.path("bandBefore").asText());
            double delta = c.path("risk").asDouble() - c.path("riskBefore").asDouble();
            if (c.has("movedMostBy")) {
                named++;
                assertTrue(Math.signum(c.at("/movedMostBy/contributionChange").asDouble()) == Math.signum(delta),
                        "the driver moved the way the risk did: " + c);
            }
            assertTrue(html.contains(String.format(java.util.Locale.ROOT, "<td>%.3f → %.3f (%s → %s)</td>",
                    c.path("riskBefore").asDouble(), c.path("risk").asDouble(), c.path("bandBefore").asText(),
                    c.path("band").asText())), "the page shows the change of " + asset);
        }
        assertEquals(changes.size(), named, "both reports explain every asset, so every change names a driver");
    }

    /** Each section's driver list, by rank (empty for an asset without drivers). */
    private static Map<Integer, List<String>> sections() {
        Map<Integer, List<String>> out = new HashMap<>();
        for (Matcher m = SECTION.matcher(html); m.find(); ) {
            List<String> items = new ArrayList<>();
            int ol = m.group(2).indexOf("<ol class=\"drivers\">");
            if (ol >= 0) {
                String list = m.group(2).substring(ol, m.group(2).indexOf("</ol>", ol));
                for (Matcher i = ITEM.matcher(list); i.find(); ) {
                    items.add(unescape(i.group(1)));
                }
            }
            out.put(Integer.parseInt(m.group(1)), items);
        }
        return out;
    }

    private static String section(int rank) {
        Matcher m = SECTION.matcher(html);
        while (m.find()) {
            if (Integer.parseInt(m.group(1)) == rank) {
                return m.group(2);
            }
        }
        throw new AssertionError("no section " + rank);
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }
}
