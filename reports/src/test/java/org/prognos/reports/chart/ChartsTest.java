package org.prognos.reports.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class ChartsTest {
    static final List<SvgCharts.Series> LINES = List.of(
            new SvgCharts.Series("model", SvgCharts.Style.MODEL, 0, new double[] {0, 0.5, 1}, new double[] {1, 0.7, 0.2}),
            new SvgCharts.Series("prior", SvgCharts.Style.BASELINE, 0, new double[] {0, 1}, new double[] {0.3, 0.3}));

    static Element parse(Svg svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.toString().getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
    }

    @Test
    void a_chart_is_one_titled_svg_element_that_scales_and_loads_nothing() throws Exception {
        Svg svg = SvgCharts.lines("c1-pr", "Precision & recall", "recall", "precision", LINES, SvgCharts.Look.UNIT,
                List.of());
        Element root = parse(svg);
        assertEquals("svg", root.getLocalName());
        assertEquals("c1-pr", root.getAttribute("id"));
        assertEquals("0 0 640 400", root.getAttribute("viewBox"));
        assertEquals("Precision & recall", root.getElementsByTagName("title").item(0).getTextContent());
        assertFalse(svg.toString().startsWith("<?xml"));
        assertFalse(svg.toString().contains("<!DOCTYPE"));
    }

    @Test
    void charts_are_deterministic() {
        assertEquals(SvgCharts.scatter("s", "t", "x", "y", LINES).toString(),
                SvgCharts.scatter("s", "t", "x", "y", LINES).toString());
    }

    @Test
    void fleet_charts_draw_bands_risk_and_sensors() throws Exception {
        Svg bands = FleetCharts.bands("fleet-bands", List.of(new FleetCharts.BandCount("low", 9997),
                new FleetCharts.BandCount("watch", 1), new FleetCharts.BandCount("high", 0),
                new FleetCharts.BandCount("critical", 2)));
        assertEquals("0 0 560 280", parse(bands).getAttribute("viewBox"));
        assertTrue(bands.toString().contains("rgb(198,40,40)"), "critical's colour");
        for (String count : List.of(">9,997<", ">1<", ">0<", ">2<")) {
            assertTrue(bands.toString().contains(count), "the count " + count + " written on its bar");
        }
        Svg risk = FleetCharts.risk("a1-risk", "Risk over recent days", "Risk of e1", "days before scoring",
                new double[] {-2, -1, 0}, new double[] {0.1, 0.4, 0.8}, 0.5,
                List.of(new FleetCharts.Mark(-1.5, FleetCharts.MarkKind.ALARM, "error1")));
        assertEquals("Risk of e1", parse(risk).getElementsByTagName("title").item(0).getTextContent());
        assertEquals("0 0 560 280", parse(risk).getAttribute("viewBox"), "every chart has one size");
        assertTrue(risk.toString().contains("alarm threshold 0.50"), "the threshold line is labelled");
        assertTrue(risk.toString().contains(">error1<"), "the alarm is marked");
        Svg sensor = FleetCharts.sensor("a1-s0", "T24, 24 h mean", "T24 of e1", "hours before scoring", "T24",
                new double[] {-2, -1, 0}, new double[] {641, Double.NaN, 643},
                Optional.of(new FleetCharts.NormalRange(630, 642, "training 5–95 %")),
                List.of(new FleetCharts.Mark(-1, FleetCharts.MarkKind.MAINTENANCE, "comp3 replaced"),
                        new FleetCharts.Mark(-30, FleetCharts.MarkKind.FAILURE, "outside the span")));
        assertEquals("a1-s0", parse(sensor).getAttribute("id"));
        assertEquals("0 0 560 280", parse(sensor).getAttribute("viewBox"));
        assertTrue(sensor.toString().contains("training 5–95 %"), "the normal range is labelled");
        assertTrue(sensor.toString().contains("comp3 replaced"), "the maintenance is marked");
        assertFalse(sensor.toString().contains("outside the span"), "a mark outside the chart's time span is left out");
        assertThrows(IllegalArgumentException.class, () -> FleetCharts.bands("b",
                List.of(new FleetCharts.BandCount("a", 1), new FleetCharts.BandCount("b", 1),
                        new FleetCharts.BandCount("c", 1), new FleetCharts.BandCount("d", 1),
                        new FleetCharts.BandCount("e", 1))));
        assertThrows(IllegalArgumentException.class, () -> new FleetCharts.NormalRange(2, 1, "x"));
    }
}
