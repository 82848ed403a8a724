package org.prognos.cli.score;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.prognos.features.extract.AssetState;
import org.prognos.features.extract.EventCursor;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.extract.RowSink;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;

/**
 * The feature rows a {@link RowSelection} picks: the spec's own rows from the features library's
 * {@link BatchExtractor}, or each asset evaluated at chosen times in one pass through one {@link AssetState} per
 * asset, the state the service builds for a request window.
 *
 * <p>The pass feeds the state as the service does for a window with {@code asOf} T: events at or before a reading's
 * time before that reading, and before evaluating at T the remaining events that count for T (before T on a grid
 * spec, at or before T otherwise). An earlier evaluation only moves the state's clock forward, which the next
 * readings would do anyway, so each row equals a fresh state fed the whole history up to T (the equality test
 * holds it against the service). One thread: a state belongs to one thread, and scoring, not this pass, is the cost.
 */
public final class Probes {
    private Probes() {
    }

    /** What a pass read and produced. */
    public record Summary(FeatureTable rows, long readings, int assets) {
    }

    /** The rows {@code selection} picks from {@code data}, sorted by asset then time. */
    public static Summary rows(FeatureExtractor ex, Dataset data, RowSelection selection, int threads, LongConsumer progress)
            throws IOException {
        FeatureTable table = new FeatureTable(ex.columns());
        if (selection instanceof RowSelection.SpecRows) {
            BatchExtractor.Summary s = new BatchExtractor(ex, threads, progress).run(data, table);
            return new Summary(table.sorted(), s.readings(), s.assets());
        }
        return evaluate(ex, data, selection, table, progress);
    }

    private static Summary evaluate(FeatureExtractor ex, Dataset data, RowSelection selection, FeatureTable table,
                                    LongConsumer progress) throws IOException {
        int[] map = ex.channelMap(data);
        boolean strict = ex.gridEmission();
        Map<String, Run> runs = new HashMap<>();
        double[] values = new double[map.length];
        long[] count = {0};
        Run[] last = {null};
        data.telemetry().forEach((asset, t, v) -> {
            Run r = last[0];
            if (r == null || !r.state.asset().equals(asset)) {
                r = runs.computeIfAbsent(asset, a -> new Run(ex.newState(a, data.attributes().of(a)), data.events().of(a), table));
                last[0] = r;
            }
            if ((++count[0] & 0xFFFF) == 0) {
                progress.accept(count[0]);
            }
            if (!selection.keeps(t, strict)) {
                return;
            }
            if (r.state.readings() > 0) {
                long due = selection.dueBefore(r.last, t, strict);
                if (due != RowSelection.NONE) {
                    r.evaluate(due, strict);
                }
            }
            for (int c = 0; c < map.length; c++) {
                values[c] = v[map[c]];
            }
            r.feed(t, values);
        });
        progress.accept(count[0]);
        for (Run r : runs.values()) {
            if (r.state.readings() > 0) {
                r.evaluate(selection.atEnd(r.last, strict), strict);
            }
        }
        return new Summary(table.sorted(), count[0], runs.size());
    }

    /** One asset: its state, the cursor into its events, its last kept reading. */
    private static final class Run {
        final AssetState state;
        final EventCursor events;
        final FeatureTable table;
        final double[] out;
        long last = RowSelection.NONE;

        Run(AssetState state, List<Event> events, FeatureTable table) {
            this.state = state;
            this.events = new EventCursor(events);
            this.table = table;
            this.out = new double[table.columns().size()];
        }

        void feed(long t, double[] values) {
            events.applyThrough(state, t, RowSink.discard());
            state.reading(t, values, RowSink.discard());
            last = t;
        }

        void evaluate(long at, boolean strict) {
            events.applyCounting(state, at, strict, RowSink.discard());
            state.vectorAt(at, out, RowSink.discard());
            table.row(state.asset(), at, out);
        }
    }
}
