package org.prognos.features.labels;

import java.util.ArrayList;
import java.util.List;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.telemetry.Event;

/**
 * "Does a failure happen within the horizon?" A row at T is positive when a failure f satisfies
 * 0 ≤ f − T &lt; horizon.
 *
 * <p>Binary (no components): class 1 for a failure of any component. Per component: class 0 is
 * {@code none} and class i+1 is {@code components[i]}; when several listed components fail within the
 * horizon, the earliest wins (ties: list order). Failures of unlisted components are ignored.
 *
 * <p>Censoring: a row with no failure within the horizon but whose horizon reaches past the asset's last
 * observation (T + horizon &gt; observedUntil + 1 tick) is censored: {@link Censoring#DROP} labels it
 * {@code NaN} (the honest default), {@link Censoring#NEGATIVE} labels it negative, as many notebooks do.
 *
 * @param horizon    ticks
 * @param components component codes for the per-component task; empty for binary
 * @param censoring  what to do with censored rows
 */
public record FailureWithinHorizon(long horizon, List<String> components, Censoring censoring) implements Labeler {
    /** What a classification labeler does with a censored row. */
    public enum Censoring {
        DROP, NEGATIVE
    }

    public FailureWithinHorizon {
        if (horizon <= 0) {
            throw new InvalidSpecException("the horizon must be positive, found " + horizon);
        }
        components = List.copyOf(components);
        if (censoring == null) {
            throw new InvalidSpecException("censoring policy is required (DROP or NEGATIVE)");
        }
    }

    /** Binary: any failure within {@code horizon} ticks; censored rows dropped. */
    public static FailureWithinHorizon binary(long horizon) {
        return new FailureWithinHorizon(horizon, List.of(), Censoring.DROP);
    }

    /** Per component: which listed component fails first within {@code horizon}; censored rows dropped. */
    public static FailureWithinHorizon perComponent(long horizon, List<String> components) {
        return new FailureWithinHorizon(horizon, components, Censoring.DROP);
    }

    @Override
    public List<String> classes() {
        if (components.isEmpty()) {
            return List.of("none", "failure");
        }
        List<String> c = new ArrayList<>();
        c.add("none");
        c.addAll(components);
        return c;
    }

    @Override
    public boolean isClassification() {
        return true;
    }

    @Override
    public double[] label(long[] rowTimes, List<Event> failures, long observedUntil) {
        double[] out = new double[rowTimes.length];
        int first = 0;
        for (int i = 0; i < rowTimes.length; i++) {
            long t = rowTimes[i];
            while (first < failures.size() && failures.get(first).time() < t) {
                first++;
            }
            double label = 0;
            for (int j = first; j < failures.size() && failures.get(j).time() - t < horizon; j++) {
                if (components.isEmpty()) {
                    label = 1;
                    break;
                }
                int k = components.indexOf(failures.get(j).code());
                if (k >= 0) {
                    label = k + 1;
                    break;
                }
            }
            if (label == 0 && censoring == Censoring.DROP && t + horizon > observedUntil + 1) {
                label = Double.NaN;
            }
            out[i] = label;
        }
        return out;
    }
}
