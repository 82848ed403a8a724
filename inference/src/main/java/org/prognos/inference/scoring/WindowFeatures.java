package org.prognos.inference.scoring;

import org.prognos.models.runtime.FeatureVector;
import java.util.ArrayList;
import java.util.List;
import org.prognos.features.extract.AssetState;
import org.prognos.features.extract.EventCursor;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.RowSink;
import org.prognos.features.spec.FeatureGroup;
import org.prognos.features.telemetry.Event;
import org.prognos.inference.ConflictException;
import org.prognos.inference.InvalidRequestException;
import org.prognos.inference.catalog.ServedModel;

/**
 * Computes a window's feature vector with the bundle's own spec: a fresh {@link AssetState} is fed the window's
 * events and readings in time order (events at or before a reading's time first, as batch extraction does), then
 * evaluated at T = {@code asOf}, or just after the last reading. Batch extraction runs the same {@code AssetState},
 * so the vector equals the offline one for the same data.
 */
public final class WindowFeatures {
    private WindowFeatures() {
    }

    /**
     * The feature vector of {@code w} for {@code m}.
     *
     * @throws ConflictException       when {@code w} was read against another schema (the model was reloaded with
     *                                 other inputs while the request was read)
     * @throws InvalidRequestException when the window has no reading, or {@code asOf} is not after its last reading
     *                                 (the HTTP layer words both with their JSON paths before a window is built)
     */
    public static FeatureVector extract(ServedModel m, ReadingWindow w) {
        WindowSchema schema = w.schema();
        schema.requireMatch(m);
        FeatureExtractor ex = m.extractor();
        long[] times = w.times();
        double[] values = w.values();
        List<Event> events = w.events();
        int n = times.length;
        int nc = schema.channels().size();
        if (n == 0) {
            throw new InvalidRequestException("readings: the window is empty; send at least one reading with a value"
                    + " for each of " + schema.channels());
        }
        long last = times[n - 1];
        if (w.asOf().isPresent()) {
            schema.asOfProblem(last, w.asOf().getAsLong()).ifPresent(p -> {
                throw new InvalidRequestException("asOf: " + p);
            });
        }
        List<String> warnings = new ArrayList<>(w.warnings());
        for (FeatureGroup fg : ex.spec().features()) {
            if (fg instanceof FeatureGroup.Attribute a && !w.attributes().containsKey(a.name())) {
                warnings.add("attribute '" + a.name() + "' was not given: the model sees it as missing");
            }
        }

        AssetState state = ex.newState(w.asset().orElse("request"), w.attributes());
        RowSink discard = RowSink.discard();
        double[] row = new double[nc];
        EventCursor cursor = new EventCursor(events);
        for (int i = 0; i < n; i++) {
            cursor.applyThrough(state, times[i], discard);
            System.arraycopy(values, i * nc, row, 0, nc);
            state.reading(times[i], row, discard);
        }
        long t = w.asOf().orElse(state.nowTime());
        cursor.applyCounting(state, t, schema.gridEmission(), discard);
        int late = cursor.remaining();   // events are sorted: once one does not count, none after it does
        if (late > 0) {
            warnings.add(late + " event" + (late > 1 ? "s" : "") + " at or after the scoring time " + schema.axis().format(t)
                    + " did not count");
        }
        double[] out = new double[ex.columns().size()];
        state.vectorAt(t, out, discard);
        if (!state.covered(t)) {
            warnings.add("the window does not cover every feature window of the model; features over partial windows"
                    + " may differ from the ones it was trained on");
        }
        return new FeatureVector(w.asset(), t, out, n, warnings);
    }
}
