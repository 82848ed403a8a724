package org.prognos.inference.state;

import java.util.List;
import org.prognos.features.extract.AssetState;
import org.prognos.features.extract.EventCursor;
import org.prognos.features.extract.RowSink;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.ConflictException;
import org.prognos.inference.InvalidRequestException;
import org.prognos.inference.catalog.ServedModel;
import org.prognos.inference.scoring.ReadingWindow;

/**
 * How a window changes an asset's state, one definition for a window applied live and one replayed from the journal
 * after a restart: the state created (or rebuilt for a new spec), the order checked, readings and events fed in
 * extraction's order.
 */
final class WindowApplier {
    private WindowApplier() {
    }

    /** Creates or rebuilds the slot's state for {@code m} when needed. Hold the slot's lock. */
    static void prepare(AssetSlot slot, ServedModel m, ReadingWindow window, List<String> warnings) {
        if (slot.model != null && !slot.model.equals(m.name())) {
            throw new ConflictException("asset '" + slot.name + "' follows model '" + slot.model + "'; its readings cannot"
                    + " feed '" + m.name() + "' (send them with ?model=" + slot.model + ")");
        }
        if (slot.state == null || !slot.specHash.equals(m.specHash())) {
            if (slot.state != null) {
                warnings.add("the model's feature spec changed (reload to " + m + "): the asset's state was rebuilt"
                        + " from these readings");
            }
            slot.state = m.extractor().newState(slot.asset, window.attributes());
            slot.model = m.name();
            slot.specHash = m.specHash();
            slot.adaptive = null;   // its rows came from the old state
        }
        AdaptiveSlots.prepare(slot, m);
    }

    static void requireAfterLast(AssetState state, ReadingWindow window, TimeAxis axis) {
        long[] times = window.times();
        if (times.length > 0 && state.lastReadingTime().isPresent() && times[0] <= state.lastReadingTime().getAsLong()) {
            throw new InvalidRequestException("readings[0].time: " + axis.format(times[0]) + " is not after the asset's"
                    + " last reading " + axis.format(state.lastReadingTime().getAsLong()) + "; readings of one asset"
                    + " must arrive in increasing time");
        }
    }

    /** Feeds a window's readings and events to a state, in extraction's order; the rows it emits go to {@code sink}. */
    static void applyWindow(AssetState state, ServedModel m, ReadingWindow window, RowSink sink) {
        long[] times = window.times();
        int nc = m.channels().size();
        double[] row = new double[nc];
        double[] values = window.values();
        EventCursor cursor = new EventCursor(window.events());
        for (int i = 0; i < times.length; i++) {
            cursor.applyThrough(state, times[i], sink);
            System.arraycopy(values, i * nc, row, 0, nc);
            state.reading(times[i], row, sink);
        }
        cursor.applyRemaining(state, sink);
    }
}
