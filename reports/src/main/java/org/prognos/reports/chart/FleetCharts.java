package org.prognos.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.annotations.CategoryTextAnnotation;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The at-risk report's charts: assets per risk band, one asset's risk over recent time and the readings of a sensor
 * that drives it. Titled charts without legends, all of one size ({@link #WIDTH} × {@link #HEIGHT}) so a page of
 * several side by side lines up; what a legend would say is written on the chart (counts on bars, the threshold's
 * and each event's name beside its line).
 */
public final class FleetCharts {
    /** Width of every chart, in SVG user units. */
    static final int WIDTH = 560;
    /** Height of every chart, in SVG user units. */
    static final int HEIGHT = 280;
    /** A bar of a small count is drawn at least this long (SVG units), so 1 asset among 10,000 is still seen. */
    static final double MIN_BAR = 4;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font MARK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    /** The bands' colours from lowest to highest risk: the report's style sheet paints its badges the same. */
    private static final Color[] BAND_COLORS = {new Color(0x2e7d32), new Color(0xf9a825), new Color(0xef6c00),
            new Color(0xc62828)};
    /** The training range's shade behind a sensor's trace. */
    private static final Color NORMAL = new Color(0x90, 0xca, 0xf9, 90);
    /** Behind a line's label: mostly white, so the label reads over the trace. */
    private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 200);
    private static final BasicStroke DASHED = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {4f, 3f}, 0f);

    /** One bar of the band chart. */
    public record BandCount(String band, long assets) {
    }

    /**
     * The range a sensor's readings kept in training, drawn as a shaded band.
     *
     * @param low   lower edge (e.g. the training 5th percentile)
     * @param high  upper edge (e.g. the 95th)
     * @param label what the band is, written on it
     */
    public record NormalRange(double low, double high, String label) {
        public NormalRange {
            if (!(low <= high)) {
                throw new IllegalArgumentException("normal range low " + low + " above high " + high);
            }
        }
    }

    /** The kinds of event marked on a chart, each with its colour. */
    public enum MarkKind {
        MAINTENANCE(new Color(0x1565c0)),
        ALARM(new Color(0x6a1b9a)),
        FAILURE(new Color(0xb71c1c));

        private final Color colour;

        MarkKind(Color colour) {
            this.colour = colour;
        }
    }

    /** An event at {@code x} (the chart's time unit), drawn as a dashed vertical line named {@code label}. */
    public record Mark(double x, MarkKind kind, String label) {
    }

    private FleetCharts() {
    }

    /**
     * Assets per risk band, {@code bands} from the lowest to the highest (at most four: low, watch, high, critical),
     * each bar in its band's colour with its count written on it; a non-zero count is at least {@link #MIN_BAR}
     * long, a zero draws no bar (its "0" is written).
     */
    public static Svg bands(String id, List<BandCount> bands) {
        if (bands.size() > BAND_COLORS.length) {
            throw new IllegalArgumentException("at most " + BAND_COLORS.length + " bands have a colour, not "
                    + bands.size());
        }
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (BandCount b : bands) {
            ds.addValue(b.assets() == 0 ? null : (Number) b.assets(), "assets", b.band());
        }
        JFreeChart c = ChartFactory.createBarChart("Assets per risk band", "band", "assets", ds,
                PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot p = c.getCategoryPlot();
        for (BandCount b : bands) {
            if (b.assets() == 0) {             // no bar, but its count is written like the others'
                CategoryTextAnnotation zero = new CategoryTextAnnotation("0", b.band(), 0);
                zero.setFont(FONT);
                zero.setTextAnchor(TextAnchor.BOTTOM_CENTER);
                p.addAnnotation(zero);
            }
        }
        BarRenderer r = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return BAND_COLORS[column];
            }
        };
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setMinimumBarLength(MIN_BAR);
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
                NumberFormat.getIntegerInstance(Locale.ROOT)));
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(FONT);
        r.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
        p.setRenderer(r);
        p.getRangeAxis().setUpperMargin(0.15);   // room for the count above the tallest bar
        ((NumberAxis) p.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CategoryAxis axis = p.getDomainAxis();
        axis.setCategoryMargin(0.3);
        style(c);
        return InlineSvg.render(c, id, "Assets per risk band", WIDTH, HEIGHT, FONT);
    }

    /**
     * Risk (0 to 1) at times {@code x}, each point marked, with the alarm threshold as a labelled grey line
     * ("alarm threshold 0.50") and {@code marks} (events in the same time unit) as dashed lines.
     *
     * @param heading the chart's visible title
     * @param title   the title a screen reader reads
     * @param xLabel  the time axis, with its unit ("days before scoring")
     */
    public static Svg risk(String id, String heading, String title, String xLabel, double[] x, double[] risk,
                           double threshold, List<Mark> marks) {
        XYSeries series = new XYSeries("risk");
        for (int i = 0; i < x.length; i++) {
            series.add(x[i], risk[i]);
        }
        JFreeChart c = ChartFactory.createXYLineChart(heading, xLabel, "risk", new XYSeriesCollection(series),
                PlotOrientation.VERTICAL, false, false, false);
        XYPlot p = c.getXYPlot();
        p.setRenderer(new XYLineAndShapeRenderer(true, true));
        p.getRangeAxis().setRange(0, 1);
        ValueMarker t = new ValueMarker(threshold, Color.GRAY, DASHED);
        t.setLabel(String.format(Locale.ROOT, "alarm threshold %.2f", threshold));
        t.setLabelFont(MARK_FONT);
        t.setLabelPaint(Color.DARK_GRAY);
        t.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        t.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        t.setLabelBackgroundColor(LABEL_BACKGROUND);
        p.addRangeMarker(t);
        mark(p, marks, x);
        style(c);
        return InlineSvg.render(c, id, title, WIDTH, HEIGHT, FONT);
    }

    /**
     * A sensor's readings at times {@code x}; {@code NaN} readings are left out. The value axis fits the readings and
     * the normal range (shaded, labelled) rather than starting at zero; {@code marks} are dashed lines.
     *
     * @param heading the chart's visible title
     * @param yLabel  the value axis (the sensor's name)
     */
    public static Svg sensor(String id, String heading, String title, String xLabel, String yLabel, double[] x,
                             double[] values, Optional<NormalRange> normal, List<Mark> marks) {
        XYSeries series = new XYSeries(yLabel);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(values[i])) {
                series.add(x[i], values[i]);
                lo = Math.min(lo, values[i]);
                hi = Math.max(hi, values[i]);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart(heading, xLabel, yLabel,
                new XYSeriesCollection(series), PlotOrientation.VERTICAL, false, false, false);
        XYPlot p = chart.getXYPlot();
        NumberAxis range = (NumberAxis) p.getRangeAxis();
        range.setAutoRangeIncludesZero(false);
        if (normal.isPresent()) {
            NormalRange n = normal.get();
            IntervalMarker band = new IntervalMarker(n.low(), n.high(), NORMAL);
            band.setLabel(n.label());
            band.setLabelFont(MARK_FONT);
            band.setLabelPaint(Color.DARK_GRAY);
            band.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            band.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            band.setLabelBackgroundColor(LABEL_BACKGROUND);
            p.addRangeMarker(band, Layer.BACKGROUND);
            lo = Math.min(lo, n.low());
            hi = Math.max(hi, n.high());
        }
        if (lo < hi) {
            double pad = (hi - lo) * 0.08;
            range.setRange(lo - pad, hi + pad);
        }
        mark(p, marks, x);
        style(chart);
        return InlineSvg.render(chart, id, title, WIDTH, HEIGHT, FONT);
    }

    /** Dashed vertical lines for the marks within the chart's time span (from the first time to 0, the scoring time). */
    private static void mark(XYPlot p, List<Mark> marks, double[] x) {
        if (x.length == 0) {
            return;
        }
        double from = Math.min(x[0], 0);
        double to = Math.max(x[x.length - 1], 0);
        for (Mark m : marks) {
            if (m.x() < from || m.x() > to) {
                continue;
            }
            ValueMarker v = new ValueMarker(m.x(), m.kind().colour, DASHED);
            v.setLabel(m.label());
            v.setLabelFont(MARK_FONT);
            v.setLabelPaint(m.kind().colour);
            v.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
            v.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            v.setLabelBackgroundColor(LABEL_BACKGROUND);
            p.addDomainMarker(v, Layer.FOREGROUND);
        }
    }

    private static void style(JFreeChart c) {
        c.setBackgroundPaint(Color.WHITE);
        c.getPlot().setBackgroundPaint(Color.WHITE);
        c.getTitle().setFont(TITLE_FONT);
    }
}
