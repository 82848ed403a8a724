package org.prognos.features.labels;

import java.util.List;
import java.util.OptionalLong;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.telemetry.Event;

/**
 * Remaining useful life: (next failure − T) / unit for a row at T, optionally capped (piecewise-linear RUL;
 * 125 cycles is the C-MAPSS convention, since early in life the remaining life is not observable from
 * the signals).
 *
 * <p>Censoring: a row with no later failure is censored. Without a cap it is dropped ({@code NaN}). With a
 * cap, if the asset was still observed for at least {@code cap} units after T, the capped label is known
 * exactly — it is the cap — so the row is kept with that value; otherwise it is dropped.
 *
 * @param unitTicks ticks per unit of the target (1 for cycles; an hour or a day of microseconds)
 * @param cap       the cap in units, empty for none
 */
public record RemainingUsefulLife(long unitTicks, OptionalLong cap) implements Labeler {
    public RemainingUsefulLife {
        if (unitTicks <= 0) {
            throw new InvalidSpecException("the RUL unit must be positive, found " + unitTicks);
        }
        if (cap.isPresent() && cap.getAsLong() <= 0) {
            throw new InvalidSpecException("the RUL cap must be positive, found " + cap.getAsLong());
        }
    }

    /** RUL in cycles capped at {@code cap} (C-MAPSS: 125). */
    public static RemainingUsefulLife cappedCycles(long cap) {
        return new RemainingUsefulLife(1, OptionalLong.of(cap));
    }

    @Override
    public List<String> classes() {
        return List.of("rul");
    }

    @Override
    public boolean isClassification() {
        return false;
    }

    @Override
    public double[] label(long[] rowTimes, List<Event> failures, long observedUntil) {
        double[] out = new double[rowTimes.length];
        int next = 0;
        for (int i = 0; i < rowTimes.length; i++) {
            long t = rowTimes[i];
            while (next < failures.size() && failures.get(next).time() < t) {
                next++;
            }
            double rul;
            if (next < failures.size()) {
                rul = (failures.get(next).time() - t) / (double) unitTicks;
                if (cap.isPresent()) {
                    rul = Math.min(rul, cap.getAsLong());
                }
            } else if (cap.isPresent() && (observedUntil - t) / (double) unitTicks >= cap.getAsLong()) {
                rul = cap.getAsLong();
            } else {
                rul = Double.NaN;
            }
            out[i] = rul;
        }
        return out;
    }
}
