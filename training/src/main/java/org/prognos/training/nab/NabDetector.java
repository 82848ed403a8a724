package org.prognos.training.nab;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.training.anomaly.DetectorSettings;

/**
 * One setting for every NAB file: an anomaly family (fitted on each file's probationary period) and how its raw
 * scores become the streamed score.
 *
 * @param name     the detector's name in NAB's results ({@code results/<name>/…}); letters and digits only
 * @param family   the product's anomaly family and its hyperparameters
 * @param adaptive the streaming score on top of the family's raw score
 */
public record NabDetector(String name, DetectorSettings family, AdaptiveScoring adaptive) {
    public NabDetector {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(adaptive, "adaptive");
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("a NAB detector name is letters and digits, found '" + name + "'");
        }
    }

    /** The settings by name, for the run's provenance file. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("family", family.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
        m.put("params", family.asMap());
        m.put("adaptive", adaptive.asMap());
        return m;
    }
}
