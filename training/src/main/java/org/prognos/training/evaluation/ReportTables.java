package org.prognos.training.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.prognos.training.evaluation.ReportView.Cell;
import org.prognos.training.evaluation.ReportView.Column;
import org.prognos.training.evaluation.ReportView.Group;
import org.prognos.training.evaluation.ReportView.GroupedTable;
import org.prognos.training.evaluation.ReportView.Row;
import org.prognos.training.evaluation.ReportView.Table;

/**
 * The training report's tables and cells: metric rows with the best value of each marked, result columns with the
 * baselines shaded, and numbers written the report's way (counts with thousands separators, ratios to four
 * decimals, other numbers to a precision that follows their size, NaN as a greyed n/a).
 */
final class ReportTables {
    static final String NA = "n/a";

    /** Which way is better for a table row; the best value of a row is bold. */
    enum Better {
        HIGHER, LOWER, NONE
    }

    /** How a cell is written. */
    enum Format {
        COUNT, RATIO, NUMBER, THRESHOLD
    }

    /** A metric row: one value per result column. */
    record Metric(String label, Better better, Format format, double[] values) {
    }

    private ReportTables() {
    }

    static <T> Metric metric(String label, Better better, Format format, List<T> metrics, ToDoubleFunction<T> value) {
        return new Metric(label, better, format, metrics.stream().mapToDouble(value).toArray());
    }

    static Table table(String header, List<EvaluationResult> cols, List<Metric> metrics) {
        List<Column> columns = cols.stream().map(r -> new Column(r.name(), roleClass(r), r.isBaseline())).toList();
        List<Row> rows = new ArrayList<>();
        for (Metric metric : metrics) {
            int best = best(metric);
            List<Cell> cells = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                List<String> classes = new ArrayList<>();
                if (cols.get(i).isBaseline()) {
                    classes.add("baseline");
                }
                if (i == best) {
                    classes.add("best");
                }
                cells.add(format(metric.format(), metric.values()[i], String.join(" ", classes)));
            }
            rows.add(new Row(metric.label(), cells));
        }
        return new Table(header, columns, rows);
    }

    static GroupedTable grouped(List<String> leading, List<EvaluationResult> cols, List<String> perResult,
                                List<Row> rows) {
        List<Group> groups = cols.stream().map(r -> new Group(r.name(), roleClass(r), perResult.size())).toList();
        List<String> subheaders = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            subheaders.addAll(perResult);
        }
        return new GroupedTable(leading, groups, Collections.unmodifiableList(subheaders), rows);
    }

    /** The column of the unique best value of a row, or −1 (no direction, a tie, fewer than two values). */
    private static int best(Metric row) {
        if (row.better() == Better.NONE) {
            return -1;
        }
        int best = -1;
        int finite = 0;
        boolean tie = false;
        for (int i = 0; i < row.values().length; i++) {
            double v = row.values()[i];
            if (Double.isNaN(v)) {
                continue;
            }
            finite++;
            if (best < 0) {
                best = i;
                continue;
            }
            double b = row.values()[best];
            boolean better = row.better() == Better.HIGHER ? v > b : v < b;
            if (better) {
                best = i;
                tie = false;
            } else if (v == b) {
                tie = true;
            }
        }
        return finite < 2 || tie ? -1 : best;
    }

    static String roleClass(EvaluationResult r) {
        return r.isBaseline() ? "baseline" : "model";
    }

    static String baselineClass(EvaluationResult r) {
        return r.isBaseline() ? "baseline" : "";
    }

    static Cell format(Format f, double v, String css) {
        return switch (f) {
            case COUNT -> Double.isNaN(v) ? na(css) : Cell.of(count((long) v), css);
            case RATIO -> ratio(v, css);
            case NUMBER -> number(v, css);
            case THRESHOLD -> v > 1 ? Cell.of("never alarm", css) : ratio(v, css);
        };
    }

    static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    static Cell ratio(double v, String css) {
        return Double.isNaN(v) ? na(css) : Cell.of(String.format(Locale.ROOT, "%.4f", v), css);
    }

    /** A ratio that may be undefined for a stated reason, shown as the n/a's tooltip. */
    static Cell ratio(double v, Optional<String> reason, String css) {
        return Double.isNaN(v) && reason.isPresent() ? Cell.muted(NA, css, reason.get()) : ratio(v, css);
    }

    static Cell number(double v, String css) {
        return Double.isNaN(v) ? na(css) : Cell.of(number(v), css);
    }

    static String number(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        double a = Math.abs(v);
        String pattern = a >= 1000 ? "%,.0f" : a >= 100 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        String text = String.format(Locale.ROOT, pattern, v);
        // a tiny negative value rounded to zero reads as "-0.000"
        return text.matches("-[0.,]+") ? text.substring(1) : text;
    }

    /** A whole number without decimals (24 h), others as {@link #number(double)}; NaN as n/a. */
    static String amount(double v) {
        if (Double.isNaN(v)) {
            return NA;
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : number(v);
    }

    static Cell na(String css) {
        return Cell.muted(NA, css, "");
    }
}
