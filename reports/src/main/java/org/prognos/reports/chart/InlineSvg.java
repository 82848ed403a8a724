package org.prognos.reports.chart;

import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.apache.batik.dom.GenericDOMImplementation;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.apache.batik.svggen.SVGGraphics2DIOException;
import org.apache.batik.svggen.SVGIDGenerator;
import org.jfree.chart.JFreeChart;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Renders JFreeChart charts as inline SVG for self-contained HTML reports (training reports, fleet at-risk
 * reports): Apache Batik's SVG generator, deterministic ids, no XML prolog or DOCTYPE, no external references.
 */
public final class InlineSvg {
    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

    private InlineSvg() {
    }

    /**
     * Draws {@code chart} into an {@code <svg>} element that scales to its container (a viewBox, no fixed size),
     * titled for screen readers, with ids prefixed by {@code id} so several charts share one page.
     */
    public static Svg render(JFreeChart chart, String id, String title, int width, int height, Font defaultFont) {
        Document document = GenericDOMImplementation.getDOMImplementation()
                .createDocument(SVG_NAMESPACE, "svg", null);
        SVGGeneratorContext context = SVGGeneratorContext.createDefault(document);
        context.setComment(null);
        context.setPrecision(2);
        // the root's default font: a CSS generic family, not the JDK's logical font name
        SVGGeneratorContext.GraphicContextDefaults defaults = new SVGGeneratorContext.GraphicContextDefaults();
        defaults.setFont(defaultFont);
        context.setGraphicContextDefaults(defaults);
        // ids unique across the report's charts (clip paths are referenced by id) and the same on every run
        context.setIDGenerator(new SVGIDGenerator() {
            @Override
            public String generateID(String prefix) {
                return id + "-" + super.generateID(prefix);
            }
        });
        SVGGraphics2D g = new SVGGraphics2D(context, false);
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        Element root = g.getRoot();
        root.setAttributeNS(null, "id", id);
        root.setAttributeNS(null, "viewBox", "0 0 " + width + " " + height);
        root.setAttributeNS(null, "role", "img");
        root.setAttributeNS(null, "class", "chart");
        Element label = document.createElementNS(SVG_NAMESPACE, "title");
        label.appendChild(document.createTextNode(title));
        root.insertBefore(label, root.getFirstChild());
        // Batik's empty generic <defs> carries a fixed id, which would repeat once per chart
        NodeList defs = root.getElementsByTagNameNS(SVG_NAMESPACE, "defs");
        for (int i = defs.getLength() - 1; i >= 0; i--) {
            Element d = (Element) defs.item(i);
            if ("genericDefs".equals(d.getAttributeNS(null, "id"))) {
                if (d.hasChildNodes()) {
                    d.setAttributeNS(null, "id", id + "-genericDefs");
                } else {
                    d.getParentNode().removeChild(d);
                }
            }
        }
        StringWriter out = new StringWriter();
        try {
            g.stream(root, out, true, false);
        } catch (SVGGraphics2DIOException e) {
            throw new UncheckedIOException(e);
        } finally {
            g.dispose();
        }
        // inlined into the HTML: no XML declaration, no DOCTYPE (which names the DTD by URL)
        String svg = out.toString();
        return new Svg(dropUnusedNamespace(svg.substring(svg.indexOf("<svg")).strip(), "xlink"));
    }

    private static String dropUnusedNamespace(String svg, String prefix) {
        int open = svg.indexOf('>');
        String head = svg.substring(0, open);
        String body = svg.substring(open);
        if (body.contains(prefix + ":")) {
            return svg;
        }
        return head.replaceAll(" xmlns:" + prefix + "=\"[^\"]*\"", "") + body;
    }
}
