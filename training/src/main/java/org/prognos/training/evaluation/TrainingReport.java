package org.prognos.training.evaluation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.prognos.models.bundle.Manifest;

/**
 * The report of a training job: the model's evaluation beside its baselines, as a self-contained
 * {@code report.html} (inline SVG charts, embedded CSS, no script, font or URL fetched from anywhere, fit to print)
 * and a {@code metrics.json} with the same table numbers (the JSON a bundle's manifest embeds).
 *
 * <p>Every section appears only when its data was given: classification (summary, per class, confusion matrices,
 * calibration, PR / ROC / reliability charts), failure events (recall, lead time, false alarms, needless visits),
 * the cost-based threshold (cost curve), regression (summary, error by true-RUL bucket, predicted versus true),
 * feature importance (top {@value FeatureImportance#TOP}) and learning curves.
 *
 * <pre>{@code
 * TrainingReport report = TrainingReport.builder("azure-24h", "Azure PdM", "by machine: 70 train / 30 test")
 *         .result(EvaluationResult.model("gbt").withClassification(model))
 *         .result(EvaluationResult.baseline("class prior").withClassification(prior))
 *         .build();
 * report.writeTo(bundleDirectory);   // report.html + metrics.json
 * }</pre>
 *
 * @param job               the training job's name
 * @param dataset           what was evaluated on (a name, a path, a fingerprint)
 * @param split             how train / validation / test were separated
 * @param results           one model or more and one baseline or more; names unique
 * @param featureImportance importances of some models (optional)
 * @param learningCurves    loss curves of some models (optional)
 * @param notes             free lines shown under the header (e.g. "threshold chosen on validation")
 */
public record TrainingReport(String job, String dataset, String split, List<EvaluationResult> results,
                             List<FeatureImportance> featureImportance, List<LearningCurve> learningCurves,
                             List<String> notes) {
    /** The report's file name, as in a bundle. */
    public static final String HTML_FILE = Manifest.REPORT_FILE;
    /** The metrics' file name, as in a bundle. */
    public static final String JSON_FILE = Manifest.METRICS_FILE;

    public TrainingReport {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(split, "split");
        results = List.copyOf(results);
        featureImportance = List.copyOf(featureImportance);
        learningCurves = List.copyOf(learningCurves);
        notes = List.copyOf(notes);
        if (results.stream().noneMatch(r -> !r.isBaseline())) {
            throw new EvaluationException("a report needs the evaluation of at least one model; results: " + names(results));
        }
        if (results.stream().noneMatch(EvaluationResult::isBaseline)) {
            throw new EvaluationException("a report shows the model beside a baseline to beat; add a baseline result"
                    + " (e.g. the class prior or a constant RUL) to " + names(results));
        }
        Set<String> seen = new HashSet<>();
        for (EvaluationResult r : results) {
            if (!seen.add(r.name())) {
                throw new EvaluationException("two results are named '" + r.name() + "'; names label the columns");
            }
        }
        List<List<String>> classLists = results.stream()
                .flatMap(r -> r.classification().stream()).map(ClassificationMetrics::classes).distinct().toList();
        if (classLists.size() > 1) {
            throw new EvaluationException("results were classified with different classes: " + classLists);
        }
        for (FeatureImportance f : featureImportance) {
            requireResult(results, f.model(), "feature importance");
        }
        for (LearningCurve c : learningCurves) {
            requireResult(results, c.model(), "learning curve");
        }
    }

    /** A builder for a report of {@code job} on {@code dataset} with {@code split}. */
    public static Builder builder(String job, String dataset, String split) {
        return new Builder(job, dataset, split);
    }

    /** The report as one self-contained HTML document. */
    public String html() {
        return new ReportHtml(this).render();
    }

    /** The metrics as a JSON object (a fresh tree): {@code NaN} becomes {@code null}, with the reason beside it. */
    public ObjectNode metricsJson() {
        return MetricsJson.of(this);
    }

    /**
     * Writes {@value #HTML_FILE} and {@value #JSON_FILE} into {@code directory} (created if missing).
     *
     * @throws EvaluationException naming the file that could not be written
     */
    public void writeTo(Path directory) {
        Path html = directory.resolve(HTML_FILE);
        Path json = directory.resolve(JSON_FILE);
        try {
            Files.createDirectories(directory);
            Files.writeString(html, html(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EvaluationException("cannot write " + html + ": " + e.getMessage(), e);
        }
        try {
            Files.writeString(json, MetricsJson.text(metricsJson()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EvaluationException("cannot write " + json + ": " + e.getMessage(), e);
        }
    }

    /** The models, in result order. */
    public List<EvaluationResult> models() {
        return results.stream().filter(r -> !r.isBaseline()).toList();
    }

    /** The baselines, in result order. */
    public List<EvaluationResult> baselines() {
        return results.stream().filter(EvaluationResult::isBaseline).toList();
    }

    private static void requireResult(List<EvaluationResult> results, String name, String what) {
        if (results.stream().noneMatch(r -> r.name().equals(name))) {
            throw new EvaluationException(what + " of '" + name + "' names no result; results: " + names(results));
        }
    }

    private static List<String> names(List<EvaluationResult> results) {
        return results.stream().map(EvaluationResult::name).toList();
    }

    /** Collects a report's parts; {@link #build()} validates them. */
    public static final class Builder {
        private final String job;
        private final String dataset;
        private final String split;
        private final List<EvaluationResult> results = new ArrayList<>();
        private final List<FeatureImportance> importance = new ArrayList<>();
        private final List<LearningCurve> curves = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        private Builder(String job, String dataset, String split) {
            this.job = job;
            this.dataset = dataset;
            this.split = split;
        }

        /** Adds a model's or a baseline's evaluation (a column of the tables). */
        public Builder result(EvaluationResult result) {
            results.add(Objects.requireNonNull(result, "result"));
            return this;
        }

        /** Adds a model's feature importances. */
        public Builder featureImportance(FeatureImportance f) {
            importance.add(Objects.requireNonNull(f, "featureImportance"));
            return this;
        }

        /** Adds a model's learning curve. */
        public Builder learningCurve(LearningCurve c) {
            curves.add(Objects.requireNonNull(c, "learningCurve"));
            return this;
        }

        /** Adds a line shown under the header. */
        public Builder note(String note) {
            notes.add(Objects.requireNonNull(note, "note"));
            return this;
        }

        /** The report. */
        public TrainingReport build() {
            return new TrainingReport(job, dataset, split, results, importance, curves, notes);
        }
    }
}
