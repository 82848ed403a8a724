package org.prognos.features.extract;

import java.time.Instant;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.spec.EmitConfig;
import org.prognos.features.telemetry.TimeAxis;

/**
 * When rows are emitted: after every {@code everySamples}-th reading, or on a grid of {@code stride} ticks
 * whose points fall at whole multiples of the stride in the axis's zone (local midnight for a daily grid).
 *
 * @param everySamples > 0 for emission after readings, 0 for grid emission
 * @param stride       > 0 for grid emission, 0 otherwise
 * @param gridAnchor   a grid point: the epoch, shifted to the zone's local time
 */
record Emission(int everySamples, long stride, long gridAnchor) {

    /** The spec's {@code emit} on {@code axis}. */
    static Emission of(EmitConfig emit, TimeAxis axis) {
        long anchor = axis instanceof TimeAxis.Timestamps ts
                ? -ts.zone().getRules().getOffset(Instant.EPOCH).getTotalSeconds() * TimeAxis.Timestamps.MICROS_PER_SECOND
                : 0;
        if (emit.everySamples() != null) {
            return new Emission(emit.everySamples(), 0, anchor);
        }
        long stride = GroupCompiler.parseSpan(axis, emit.every(), "emit.every");
        if (stride <= 0) {
            throw new InvalidSpecException("'emit.every' must be positive, found '" + emit.every() + "'");
        }
        return new Emission(0, stride, anchor);
    }

    /** Whether rows sit on a time grid. */
    boolean grid() {
        return stride > 0;
    }

    /** The first grid point strictly after {@code t}. */
    long gridAfter(long t) {
        return gridAnchor + (Math.floorDiv(t - gridAnchor, stride) + 1) * stride;
    }
}
