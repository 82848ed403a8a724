package org.prognos.training.anomaly;

import java.util.List;
import org.prognos.reports.Template;

/** The anomaly job's {@code report.html}: the facts of the fit and the held-out figures, model beside baseline. */
public final class AnomalyReport {
    private static final Template TEMPLATE = Template.load(AnomalyReport.class, "anomaly-report");

    private AnomalyReport() {
    }

    /** A labelled value. */
    public record Fact(String name, String value) {
    }

    /** One figure for each contender, formatted. */
    public record Row(String name, List<String> values) {
        public Row {
            values = List.copyOf(values);
        }
    }

    private record View(String job, List<Fact> facts, String definitions, List<String> contenders, List<Row> rows, String leftOut) {
    }

    /** The report's HTML. */
    public static String html(String job, List<Fact> facts, String definitions, List<String> contenders, List<Row> rows,
                              List<String> leftOut) {
        return TEMPLATE.render(new View(job, List.copyOf(facts), definitions, List.copyOf(contenders), List.copyOf(rows),
                leftOut.isEmpty() ? "none" : String.join(", ", leftOut)));
    }
}
