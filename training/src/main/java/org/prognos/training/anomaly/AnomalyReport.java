package org.prognos.training.anomaly;

import java.util.List;
import java.util.Optional;
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

    private record Warnings(List<String> lines) {
    }

    private record View(String job, List<Fact> facts, Optional<Warnings> warnings, String definitions,
                        List<String> contenders, List<Row> rows, String leftOut) {
    }

    /**
     * The report's HTML; {@code warnings} (the job's {@code WARNING} lines, e.g. a {@link CalibrationCheck} that did not
     * hold) are listed under the facts, one line each, and leave no trace when there are none.
     */
    public static String html(String job, List<Fact> facts, List<String> warnings, String definitions,
                              List<String> contenders, List<Row> rows, List<String> leftOut) {
        return TEMPLATE.render(new View(job, List.copyOf(facts),
                warnings.isEmpty() ? Optional.empty() : Optional.of(new Warnings(List.copyOf(warnings))), definitions,
                List.copyOf(contenders), List.copyOf(rows), leftOut.isEmpty() ? "none" : String.join(", ", leftOut)));
    }
}
