package org.prognos.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The at-risk report's charts: assets per risk band, one asset's risk over recent time and the readings of a sensor
 * that drives it. Titled charts without legends, sized for a page of several side by side.
 */
public final class FleetCharts {
    /** Width of the risk and sensor charts, in SVG user units. */
    static final int WIDTH = 560;
    static final int HEIGHT = 260;
    static final int BANDS_HEIGHT = 300;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    /** The bands' colours from lowest to highest risk: the report's style sheet paints its badges the same. */
    private static final Color[] BAND_COLORS = {new Color(0x2e7d32), new Color(0xf9a825), new Color(0xef6c00),
            new Color(0xc62828)};

    /** One bar of the band chart. */
    public record BandCount(String band, long assets) {
    }

    private FleetCharts() {
    }

    /**
     * Assets per risk band, {@code bands} from the lowest to the highest (at most four: low, watch, high, critical),
     * each bar in its band's colour.
     */
    public static Svg bands(String id, List<BandCount> bands) {
        if (bands.size() > BAND_COLORS.length) {
            throw new IllegalArgumentException("at most " + BAND_COLORS.length + " bands have a colour, not "
                    + bands.size());
        }
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (BandCount b : bands) {
            ds.addValue(b.assets(), "assets", b.band());
        }
        JFreeChart c = ChartFactory.createBarChart("Assets per risk band", "band", "assets", ds,
                PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot p = c.getCategoryPlot();
        BarRenderer r = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return BAND_COLORS[column];
            }
        };
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        p.setRenderer(r);
        style(c);
        return InlineSvg.render(c, id, "Assets per risk band", WIDTH, BANDS_HEIGHT, FONT);
    }

    /**
     * Risk (0 to 1) at times {@code x} with the alarm threshold as a grey line.
     *
     * @param heading the chart's visible title
     * @param title   the title a screen reader reads
     */
    public static Svg risk(String id, String heading, String title, String xLabel, double[] x, double[] risk,
                           double threshold) {
        XYSeries series = new XYSeries("risk");
        for (int i = 0; i < x.length; i++) {
            series.add(x[i], risk[i]);
        }
        JFreeChart c = ChartFactory.createXYLineChart(heading, xLabel, "risk", new XYSeriesCollection(series),
                PlotOrientation.VERTICAL, false, false, false);
        XYPlot p = c.getXYPlot();
        p.getRangeAxis().setRange(0, 1);
        p.addRangeMarker(new ValueMarker(threshold, Color.GRAY, new BasicStroke(1f)));
        style(c);
        return InlineSvg.render(c, id, title, WIDTH, HEIGHT, FONT);
    }

    /**
     * A sensor's readings at times {@code x}; {@code NaN} readings are left out. The value axis fits the readings
     * rather than starting at zero.
     */
    public static Svg sensor(String id, String sensor, String title, String xLabel, double[] x, double[] values) {
        XYSeries series = new XYSeries(sensor);
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(values[i])) {
                series.add(x[i], values[i]);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart(sensor + " (driver)", xLabel, sensor,
                new XYSeriesCollection(series), PlotOrientation.VERTICAL, false, false, false);
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        style(chart);
        return InlineSvg.render(chart, id, title, WIDTH, HEIGHT, FONT);
    }

    private static void style(JFreeChart c) {
        c.setBackgroundPaint(Color.WHITE);
        c.getPlot().setBackgroundPaint(Color.WHITE);
        c.getTitle().setFont(TITLE_FONT);
    }
}
