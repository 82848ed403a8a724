package org.prognos.training.evaluation;

import java.util.List;
import java.util.Optional;
import org.prognos.reports.chart.Svg;

/**
 * The training report as {@code report.mustache} lays it out: text and numbers already formatted, in display order.
 * Every string is plain text (the template escapes it); the only markup is the charts' {@link Svg}.
 */
final class ReportView {
    private ReportView() {
    }

    /** The whole document; a section is present only when some result has its data. */
    record Page(String job, String css, List<Fact> facts, List<String> notes, List<Link> nav,
                Optional<Classification> classification, Optional<Events> events, Optional<Threshold> threshold,
                Optional<Regression> regression, Optional<Figures> importance, Optional<Figures> learning) {
    }

    /** A line of the header's table of facts. */
    record Fact(String name, String value) {
    }

    /** A link of the navigation bar to a section's id. */
    record Link(String id, String text) {
    }

    /** One table cell; a muted cell (n/a, a dash) is greyed, with its reason as a tooltip when there is one. */
    record Cell(String text, String css, boolean muted, String title) {
        static Cell of(String text, String css) {
            return new Cell(text, css, false, "");
        }

        static Cell muted(String text, String css, String title) {
            return new Cell(text, css, true, title);
        }
    }

    /** A table row: its label cell and the others. */
    record Row(String label, List<Cell> cells) {
    }

    /** A column of results (a model or a baseline). */
    record Column(String name, String role, boolean baseline) {
    }

    /** A table of metrics: one row per metric, one column per result, the best value of a row bold. */
    record Table(String header, List<Column> columns, List<Row> rows) {
    }

    /** A result's group of columns in a {@link GroupedTable}. */
    record Group(String name, String role, int span) {
    }

    /**
     * A table with a group of columns per result: {@code leading} headers span both header rows, {@code subheaders}
     * repeat the group's headers once per group.
     */
    record GroupedTable(List<String> leading, List<Group> groups, List<String> subheaders, List<Row> rows) {
    }

    /** A confusion matrix of one result: rows are truths, columns predictions. */
    record Confusion(String name, boolean baseline, List<String> classes, List<Row> rows) {
    }

    /** A chart with its caption. */
    record Figure(Svg chart, String caption) {
    }

    /** Why some values are n/a, one line per reason. */
    record Undefined(List<String> reasons) {
        static Optional<Undefined> of(List<String> reasons) {
            List<String> distinct = reasons.stream().distinct().toList();
            return distinct.isEmpty() ? Optional.empty() : Optional.of(new Undefined(distinct));
        }
    }

    /** Section "Classification". */
    record Classification(String firstClass, Table summary, GroupedTable perClass, List<Confusion> confusion,
                          GroupedTable calibration, List<Figure> figures, Optional<Undefined> undefined) {
    }

    /** Section "Failure events": the matching settings and the event metrics. */
    record Events(String horizon, String stride, String unit, String match, Table table,
                  Optional<Undefined> undefined) {
    }

    /** Section "Alarm threshold". */
    record Threshold(Table table, Figure cost) {
    }

    /** Section "Remaining useful life". */
    record Regression(Table table, GroupedTable buckets, List<Figure> figures) {
    }

    /** A section of charts only (feature importance, learning curves). */
    record Figures(List<Figure> figures) {
    }
}
