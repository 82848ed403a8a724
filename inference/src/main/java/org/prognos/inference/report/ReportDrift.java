package org.prognos.inference.report;

import java.util.ArrayList;
import java.util.List;
import org.prognos.features.scan.AssetScan;
import org.prognos.models.drift.DriftMeasure;
import org.prognos.models.drift.DriftThresholds;
import org.prognos.models.drift.DriftVerdict;
import org.prognos.models.runtime.LoadedModel;

/**
 * The report's drift section: the input vectors the report scored (each asset's vector at its scoring time and at
 * each point of its risk history) against the bundle's training profile, with the service's default thresholds
 * ({@link DriftThresholds#defaults()}). The same measure the service applies to its live window; here the "window" is
 * the report's own rows, so a report over a fleet and period the model never saw says whether its ranking rests on
 * inputs like those it was trained on.
 */
final class ReportDrift {
    /** Features listed in the HTML page (all are in report.json). */
    static final int SHOWN = 15;

    private ReportDrift() {
    }

    /** The verdict on {@code scans}' vectors: no profile, too few rows, or every feature judged. */
    static DriftVerdict judge(LoadedModel model, List<AssetScan> scans) {
        List<double[]> rows = new ArrayList<>();
        for (AssetScan s : scans) {
            rows.add(s.vector());
            for (double[] h : s.historyVectors()) {
                rows.add(h);
            }
        }
        if (model.profile().isEmpty()) {
            return new DriftVerdict.NoProfile(rows.size());
        }
        java.util.Set<String> asset = model.extractor().assetColumns();   // shown, not counted: see DriftMonitor
        return DriftMeasure.judge(model.profile().get(), rows.toArray(double[][]::new), DriftThresholds.defaults(),
                f -> !asset.contains(f));
    }
}
