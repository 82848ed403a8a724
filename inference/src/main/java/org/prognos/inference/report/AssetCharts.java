package org.prognos.inference.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import org.prognos.features.scan.AssetScan;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.models.drift.FeatureProfile;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.reports.chart.FleetCharts;
import org.prognos.reports.chart.Svg;

/**
 * The charts of one asset's section: its risk over recent days and the readings of its driving sensors, on one time
 * axis in the unit the span calls for (days from two days up, else hours; cycles on a cycle axis), with its
 * maintenance, alarms and failures marked, and each sensor's training range shaded.
 *
 * <p>The training range of a sensor is the 5th to 95th percentile, in the bundle's training profile
 * ({@code profile.json}), of the spec's first per-reading summary of that sensor ({@code <sensor>_last_…},
 * {@code _mean_…} or {@code _ewma_…}, in column order): a summary over a short window, so narrower than the raw
 * readings' own spread; the label says which feature it is. No band is drawn for a spec that normalizes its
 * readings (the profile is then in normalized units) or a bundle without a profile.
 */
final class AssetCharts {
    /** Driving sensors charted per asset. */
    static final int SENSORS = 3;
    static final int LOW_PERCENTILE = 5;
    static final int HIGH_PERCENTILE = 95;

    private AssetCharts() {
    }

    /** A unit of the time axis: its length in ticks and its name. */
    record Unit(double ticks, String name) {
        /** Days when {@code span} ticks reach two days on a time-stamp axis, else hours; cycles on a cycle axis. */
        static Unit of(TimeAxis axis, long span) {
            if (axis instanceof TimeAxis.Cycles) {
                return new Unit(1, "cycles");
            }
            double day = 24.0 * TimeAxis.Timestamps.MICROS_PER_HOUR;
            return span >= 2 * day ? new Unit(day, "days") : new Unit(TimeAxis.Timestamps.MICROS_PER_HOUR, "hours");
        }

        /** Times as units before {@code scoredAt} (negative). */
        double[] since(long[] times, long scoredAt) {
            double[] x = new double[times.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = (times[i] - scoredAt) / ticks;
            }
            return x;
        }
    }

    /** The charts of a charted asset, with ids {@code a<n>-…}. */
    static List<Svg> of(LoadedModel model, FleetReport.Detail d, List<Event> events, int n) {
        AssetScan s = d.scan();
        TimeAxis axis = model.extractor().axis();
        List<Svg> charts = new ArrayList<>();
        if (s.historyTimes().length > 1) {
            Unit unit = Unit.of(axis, s.time() - s.historyTimes()[0]);
            String span = String.format(Locale.ROOT, "%.0f %s", (s.time() - s.historyTimes()[0]) / unit.ticks(), unit.name());
            charts.add(FleetCharts.risk("a" + n + "-risk", "Risk over the last " + span, "Risk of " + s.asset()
                            + " over recent time", unit.name() + " before scoring", unit.since(s.historyTimes(), s.time()),
                    d.historyRisks(), model.policy().threshold(), marks(events, s.time(), unit)));
        }
        if (s.trendTimes().length < 2) {
            return charts;
        }
        Unit unit = Unit.of(axis, s.time() - s.trendTimes()[0]);
        List<String> channels = model.extractor().channels();
        int k = 0;
        for (String sensor : FleetReport.chartedSensors(d.answer(), channels, SENSORS)) {
            int c = channels.indexOf(sensor);
            double[] values = new double[s.trendTimes().length];
            for (int i = 0; i < values.length; i++) {
                values[i] = s.trendValues()[i][c];
            }
            charts.add(FleetCharts.sensor("a" + n + "-s" + (k++), sensor + " readings", sensor + " of " + s.asset(),
                    unit.name() + " before scoring", sensor, unit.since(s.trendTimes(), s.time()), values,
                    normalRange(model, sensor), marks(events, s.time(), unit)));
        }
        return charts;
    }

    /** The sensor's training range from the bundle's profile, when there is one to read (see the class comment). */
    static Optional<FleetCharts.NormalRange> normalRange(LoadedModel model, String sensor) {
        if (model.profile().isEmpty() || model.extractor().spec().normalizer().isPresent()) {
            return Optional.empty();
        }
        for (String column : model.extractor().columns()) {
            if (column.startsWith(sensor + "_last_") || column.startsWith(sensor + "_mean_")
                    || column.startsWith(sensor + "_ewma_")) {
                Optional<FeatureProfile> p = model.profile().get().features().stream()
                        .filter(f -> f.name().equals(column)).findFirst();
                if (p.isPresent() && p.get().percentiles().length == FeatureProfile.PERCENTILES) {
                    double lo = p.get().percentiles()[LOW_PERCENTILE];
                    double hi = p.get().percentiles()[HIGH_PERCENTILE];
                    return Double.isFinite(lo) && Double.isFinite(hi) ? Optional.of(new FleetCharts.NormalRange(lo, hi,
                            String.format(Locale.ROOT, "training %d–%d %% (%s)", LOW_PERCENTILE, HIGH_PERCENTILE,
                                    model.extractor().label(column)))) : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The asset's events before {@code scoredAt} as marks in {@code unit}s before it; events of one kind at one time
     * make one mark naming every code ("comp1, comp4 replaced"), so their labels do not overprint.
     */
    static List<FleetCharts.Mark> marks(List<Event> events, long scoredAt, Unit unit) {
        Map<List<Object>, List<String>> codes = new LinkedHashMap<>();
        for (Event e : events) {
            if (e.time() < scoredAt) {
                codes.computeIfAbsent(List.of(e.time(), e.kind()), k -> new ArrayList<>()).add(e.code());
            }
        }
        List<FleetCharts.Mark> out = new ArrayList<>();
        codes.forEach((key, list) -> {
            double x = ((long) key.get(0) - scoredAt) / unit.ticks();
            String names = String.join(", ", list);
            out.add(switch ((EventKind) key.get(1)) {
                case MAINTENANCE -> new FleetCharts.Mark(x, FleetCharts.MarkKind.MAINTENANCE, names + " replaced");
                case ALARM -> new FleetCharts.Mark(x, FleetCharts.MarkKind.ALARM, names);
                case FAILURE -> new FleetCharts.Mark(x, FleetCharts.MarkKind.FAILURE, names + " failed");
            });
        });
        return out;
    }
}
