package org.prognos.models.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.models.BundleFormatException;
import org.prognos.models.calibration.ProbabilityCalibration;
import org.prognos.models.drift.ReferenceProfile;
import org.prognos.models.interval.RulInterval;

/**
 * Everything a bundle holds before it has a version: what to publish. The registry (or {@link BundleWriter})
 * adds the version, the creation time and the checksums. The feature columns are not given but computed from
 * the spec, so a bundle cannot claim columns its spec does not produce.
 *
 * @param name       the model name
 * @param task       what the model predicts
 * @param spec       the fitted feature spec the model was trained on
 * @param provenance where the model came from
 * @param metrics    the evaluation (a JSON object), written to {@code metrics.json} and into the manifest
 * @param payload    the model itself
 * @param reportHtml an optional self-contained HTML report, written to {@code report.html}
 * @param interval   an optional fitted RUL interval, written to {@value RulInterval#FILE} (RUL tasks only)
 * @param profile    an optional reference profile of the training inputs, written to {@value ReferenceProfile#FILE}; it
 *                   must profile exactly the spec's columns, in order
 * @param calibration an optional fitted probability calibration, written to {@value ProbabilityCalibration#FILE}
 *                   (failure-within-horizon tasks only)
 */
public record BundleContents(String name, Task task, FeatureSpec spec, Provenance provenance, JsonNode metrics,
                             Payload payload, Optional<String> reportHtml, Optional<RulInterval> interval,
                             Optional<ReferenceProfile> profile, Optional<ProbabilityCalibration> calibration) {
    public BundleContents {
        Names.requireModelName(name);
        if (task == null || spec == null || provenance == null || payload == null) {
            throw new BundleFormatException("bundle contents of '" + name + "' need a task, a spec, provenance and a payload");
        }
        if (spec.normalization() != null && spec.fitted() == null) {
            throw new BundleFormatException("the feature spec '" + spec.name() + "' of model '" + name
                    + "' declares a normalization that was not fitted; publish the fitted spec");
        }
        if (metrics == null || !metrics.isObject()) {
            throw new BundleFormatException("bundle contents of '" + name + "' need metrics as a JSON object");
        }
        metrics = metrics.deepCopy();
        reportHtml = reportHtml == null ? Optional.empty() : reportHtml;
        interval = interval == null ? Optional.empty() : interval;
        if (interval.isPresent() && !(task instanceof Task.RemainingUsefulLife)) {
            throw new BundleFormatException("bundle contents of '" + name + "' carry a RUL interval but the task is " + task);
        }
        profile = profile == null ? Optional.empty() : profile;
        if (profile.isPresent()) {
            profile.get().requireColumns(new FeatureExtractor(spec).columns());
        }
        calibration = calibration == null ? Optional.empty() : calibration;
        if (calibration.isPresent() && !(task instanceof Task.FailureWithinHorizon)) {
            throw new BundleFormatException("bundle contents of '" + name + "' carry a probability calibration but the task is "
                    + task);
        }
    }

    /** Contents without a report. */
    public static BundleContents of(String name, Task task, FeatureSpec spec, Provenance provenance, JsonNode metrics,
                                    Payload payload) {
        return new BundleContents(name, task, spec, provenance, metrics, payload, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** This with an HTML report. */
    public BundleContents withReport(String html) {
        return new BundleContents(name, task, spec, provenance, metrics, payload, Optional.of(html), interval, profile, calibration);
    }

    /** This with a fitted RUL interval. */
    public BundleContents withInterval(RulInterval fitted) {
        return new BundleContents(name, task, spec, provenance, metrics, payload, reportHtml, Optional.of(fitted), profile, calibration);
    }

    /** This with a reference profile of the training inputs, for drift monitoring. */
    public BundleContents withProfile(ReferenceProfile fitted) {
        return new BundleContents(name, task, spec, provenance, metrics, payload, reportHtml, interval, Optional.of(fitted),
                calibration);
    }

    /** This with a fitted probability calibration (failure-within-horizon tasks). */
    public BundleContents withCalibration(ProbabilityCalibration fitted) {
        return new BundleContents(name, task, spec, provenance, metrics, payload, reportHtml, interval, profile,
                Optional.of(fitted));
    }

    /** The metrics; a fresh deep copy. */
    @Override
    public JsonNode metrics() {
        return metrics.deepCopy();
    }

    /** The feature columns the spec computes, in row order: the model's input names. */
    public List<String> featureColumns() {
        return new FeatureExtractor(spec).columns();
    }
}
