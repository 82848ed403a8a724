package org.prognos.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The training report's charts: JFreeChart plots drawn by Apache Batik's SVG generator into inline {@code <svg>}
 * elements.
 * Java2D only, no window: it runs with {@code java.awt.headless=true}. The output is deterministic (element ids come
 * from the chart id and a per-chart counter, coordinates are rounded to 0.01 px) and carries no namespace other than
 * SVG's (and XLink's, only where a chart uses it).
 */
public final class SvgCharts {
    /** Width of a chart, in SVG user units (its viewBox): the page scales it to its figure. */
    public static final int WIDTH = 640;
    /** Height of a line, point or vertical bar chart. */
    public static final int HEIGHT = 400;
    private static final Color[] MODEL_COLORS = {new Color(0x1f4e9c), new Color(0x2e7d32), new Color(0x6a1b9a)};
    private static final Color[] BASELINE_COLORS = {new Color(0xe07b00), new Color(0x7f7f7f), new Color(0xc62828)};
    private static final Color REFERENCE = new Color(0xb0b0b0);
    private static final Color GRID = new Color(0xdddddd);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final BasicStroke SOLID = new BasicStroke(2f);
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);
    private static final BasicStroke THIN_DASHED = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
            10f, new float[] {4f, 4f}, 0f);

    /** How a series is drawn: models solid, baselines dashed, references thin grey. */
    public enum Style {
        MODEL, BASELINE, REFERENCE
    }

    /**
     * One line (or point cloud) of an XY chart.
     *
     * @param index which of its style's colours (the n-th model, the n-th baseline)
     */
    public record Series(String name, Style style, int index, double[] x, double[] y) {
    }

    /** One value of a bar chart: the bar of {@code series} in {@code category}. */
    public record Bar(String series, Style style, int index, String category, double value) {
    }

    private SvgCharts() {
    }

    /**
     * How a line chart is drawn.
     *
     * @param unit     both axes fixed to [0, 1]
     * @param shapes   points marked
     * @param diagonal the y = x reference drawn
     * @param steps    a step function whose value at x holds back to the previous point (the cost of a threshold
     *                 holds for every threshold down to the next lower score)
     */
    public record Look(boolean unit, boolean shapes, boolean diagonal, boolean steps) {
        public static final Look PLAIN = new Look(false, false, false, false);
        public static final Look UNIT = new Look(true, false, false, false);
        public static final Look UNIT_DIAGONAL = new Look(true, false, true, false);
        public static final Look RELIABILITY = new Look(true, true, true, false);
        public static final Look STEPS = new Look(false, false, false, true);
    }

    /**
     * Lines, with vertical markers (chosen thresholds: one per series, its x the marker's position) or none.
     */
    public static Svg lines(String id, String title, String xLabel, String yLabel, List<Series> series, Look look,
                        List<Series> markers) {
        boolean unit = look.unit();
        XYSeriesCollection data = new XYSeriesCollection();
        JFreeChart chart = ChartFactory.createXYLineChart(null, xLabel, yLabel, data, PlotOrientation.VERTICAL, true,
                false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, look.shapes());
        // one <path> per series instead of one per segment: a tenth of the SVG
        renderer.setDrawSeriesLineAsPath(true);
        int k = 0;
        for (Series s : series) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            for (int i = 0; i < s.x().length; i++) {
                if (look.steps() && i > 0) {
                    // rise or fall at the previous x, then hold: the value at x covers (previous x, x]
                    xy.add(s.x()[i - 1], s.y()[i]);
                }
                xy.add(s.x()[i], s.y()[i]);
            }
            data.addSeries(xy);
            paint(renderer, k++, s.style(), s.index());
        }
        if (look.diagonal()) {
            XYSeries d = new XYSeries("y = x", false, true);
            d.add(0, 0);
            d.add(1, 1);
            if (!unit) {
                double hi = maxOf(series);
                d.clear();
                d.add(Math.min(0, minOf(series)), Math.min(0, minOf(series)));
                d.add(hi, hi);
            }
            data.addSeries(d);
            renderer.setSeriesPaint(k, REFERENCE);
            renderer.setSeriesStroke(k, THIN_DASHED);
            renderer.setSeriesShapesVisible(k, false);
            k++;
        }
        plot.setRenderer(renderer);
        for (Series m : markers) {
            ValueMarker marker = new ValueMarker(m.x()[0]);
            marker.setPaint(color(m.style(), m.index()));
            marker.setStroke(THIN_DASHED);
            plot.addDomainMarker(marker);
        }
        if (unit) {
            unitAxis(plot.getDomainAxis());
            unitAxis(plot.getRangeAxis());
        } else {
            ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        }
        style(chart, plot.getDomainAxis(), plot.getRangeAxis());
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setBackgroundPaint(Color.WHITE);
        return render(chart, id, title, WIDTH, HEIGHT);
    }

    /** Points only (predicted versus true), with the y = x line. */
    public static Svg scatter(String id, String title, String xLabel, String yLabel, List<Series> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        JFreeChart chart = ChartFactory.createScatterPlot(null, xLabel, yLabel, data, PlotOrientation.VERTICAL, true,
                false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        // filled squares without outlines: the smallest SVG per point
        renderer.setDrawOutlines(false);
        int k = 0;
        for (Series s : series) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            for (int i = 0; i < s.x().length; i++) {
                xy.add(s.x()[i], s.y()[i]);
            }
            data.addSeries(xy);
            renderer.setSeriesPaint(k, translucent(color(s.style(), s.index())));
            renderer.setSeriesShape(k, new Rectangle2D.Double(-2, -2, 4, 4));
            k++;
        }
        double lo = Math.min(0, minOf(series));
        double hi = maxOf(series);
        XYSeries d = new XYSeries("y = x", false, true);
        d.add(lo, lo);
        d.add(hi, hi);
        data.addSeries(d);
        renderer.setSeriesLinesVisible(k, true);
        renderer.setSeriesShapesVisible(k, false);
        renderer.setSeriesPaint(k, REFERENCE);
        renderer.setSeriesStroke(k, THIN_DASHED);
        plot.setRenderer(renderer);
        style(chart, plot.getDomainAxis(), plot.getRangeAxis());
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setBackgroundPaint(Color.WHITE);
        return render(chart, id, title, WIDTH, HEIGHT);
    }

    /** Grouped bars, vertical or (for long category names) horizontal. */
    public static Svg bars(String id, String title, String categoryLabel, String valueLabel, List<Bar> bars,
                       boolean horizontal) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Bar b : bars) {
            data.addValue(b.value(), b.series(), b.category());
        }
        JFreeChart chart = ChartFactory.createBarChart(null, categoryLabel, valueLabel, data,
                horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL, data.getRowCount() > 1, false,
                false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        for (Bar b : bars) {
            int row = data.getRowIndex(b.series());
            renderer.setSeriesPaint(row, color(b.style(), b.index()));
        }
        CategoryAxis axis = plot.getDomainAxis();
        axis.setLabelFont(LABEL_FONT);
        axis.setTickLabelFont(TICK_FONT);
        axis.setMaximumCategoryLabelWidthRatio(horizontal ? 0.45f : 1f);
        style(chart, null, plot.getRangeAxis());
        plot.setRangeGridlinePaint(GRID);
        plot.setBackgroundPaint(Color.WHITE);
        int height = horizontal ? Math.max(HEIGHT / 2, 80 + 22 * data.getColumnCount() * data.getRowCount())
                : HEIGHT;
        return render(chart, id, title, WIDTH, height);
    }

    private static void paint(XYLineAndShapeRenderer renderer, int k, Style style, int index) {
        renderer.setSeriesPaint(k, color(style, index));
        renderer.setSeriesStroke(k, switch (style) {
            case MODEL -> SOLID;
            case BASELINE -> DASHED;
            case REFERENCE -> THIN_DASHED;
        });
    }

    static Color color(Style style, int index) {
        return switch (style) {
            case MODEL -> MODEL_COLORS[index % MODEL_COLORS.length];
            case BASELINE -> BASELINE_COLORS[index % BASELINE_COLORS.length];
            case REFERENCE -> REFERENCE;
        };
    }

    private static Color translucent(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 140);
    }

    private static void unitAxis(ValueAxis axis) {
        axis.setRange(0, 1.0001);
    }

    private static void style(JFreeChart chart, ValueAxis domain, ValueAxis range) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        for (ValueAxis a : new ValueAxis[] {domain, range}) {
            if (a != null) {
                a.setLabelFont(LABEL_FONT);
                a.setTickLabelFont(TICK_FONT);
            }
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(TICK_FONT);
            legend.setFrame(BlockBorder.NONE);
        }
    }

    private static double minOf(List<Series> series) {
        OptionalDouble m = series.stream().flatMapToDouble(s -> Arrays.stream(s.x())).min();
        OptionalDouble n = series.stream().flatMapToDouble(s -> Arrays.stream(s.y())).min();
        return Math.min(m.orElse(0), n.orElse(0));
    }

    private static double maxOf(List<Series> series) {
        OptionalDouble m = series.stream().flatMapToDouble(s -> Arrays.stream(s.x())).max();
        OptionalDouble n = series.stream().flatMapToDouble(s -> Arrays.stream(s.y())).max();
        return Math.max(m.orElse(1), n.orElse(1));
    }

    private static Svg render(JFreeChart chart, String id, String title, int width, int height) {
        return InlineSvg.render(chart, id, title, width, height, TICK_FONT);
    }
}
