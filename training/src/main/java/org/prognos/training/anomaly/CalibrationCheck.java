package org.prognos.training.anomaly;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.prognos.training.evaluation.RowTimes;

/**
 * Whether a contender's calibration held on the rows it was evaluated on. The score was calibrated so that
 * {@code falseAlarmRate} of the held-out normal rows alarm; when the evaluated rows that should be quiet alarm at
 * {@value #WARN_AT} times that rate or more, the held-out rows did not foresee the evaluated ones, and the job says so
 * in a warning rather than leave an operator planning on the rate the job was asked for.
 *
 * <p>The rows checked are the evaluated rows that {@code task.normal} calls normal (the figure
 * {@code normalRowAlarmRate}); with labelled periods, the evaluated rows outside every period instead (the labelled
 * FAR, {@code labelled.far}: the rows {@link PeriodEvaluation} counts as false or true negatives), because the normal
 * rows then include the labelled anomalies, whose alarms are detections, not false alarms (a labelled job's
 * {@code task.normal} is usually {@code all}). A check needs at
 * least {@value #MIN_EXPECTED_ALARMS} / falseAlarmRate rows (10 alarms expected at the target); with fewer it gives no
 * verdict. Where the rows come from more than one asset, the warning counts the assets that alarm at {@value #WARN_AT}
 * times the rate or more themselves and names the {@value #NAMED_ASSETS} of the highest rate among them, with their
 * rows: one asset whose detector or scaling does not fit its rows, eating the pooled calibration, shows there.
 *
 * <p>The adaptive score is not checked: it alarms at its own level, not at the calibrated false-alarm rate.
 *
 * @param falseAlarmRate  the rate the score was calibrated to ({@code task.falseAlarmRate})
 * @param calibrationRows the held-out normal rows it was calibrated on
 */
public record CalibrationCheck(double falseAlarmRate, long calibrationRows) {
    /**
     * A realized rate at least this many times the target warns. Not a significance test: an asset's consecutive rows
     * share their windows and their state, so they are far from independent, and a binomial test would call a small
     * excess certain. Twice the rate is where an operator's false-alarm budget (the visits planned on it) is doubled.
     */
    public static final double WARN_AT = 2;
    /** A check needs rows enough to expect this many alarms at the target rate: fewer rows, no verdict. */
    public static final double MIN_EXPECTED_ALARMS = 10;
    /** The assets a warning names, those of the highest rate. */
    public static final int NAMED_ASSETS = 3;

    public CalibrationCheck {
        if (!(falseAlarmRate > 0 && falseAlarmRate < 1)) {
            throw new IllegalArgumentException("false-alarm rate " + falseAlarmRate + " is not in (0, 1)");
        }
    }

    /** One asset's rows of one kind and how many of them alarm. */
    public record Tally(String asset, long rows, long alarms) {
        /** The asset's alarm rate on these rows (NaN without rows). */
        public double rate() {
            return rows == 0 ? Double.NaN : alarms / (double) rows;
        }
    }

    /**
     * The rows one check counts, per asset.
     *
     * @param description the rows in words, as the warning names them ("evaluated normal rows")
     * @param byAsset     each asset's tally, in the order of the evaluated rows
     */
    public record Rows(String description, List<Tally> byAsset) {
        public Rows {
            byAsset = List.copyOf(byAsset);
        }

        /** The rows of {@code at} that {@code keep} accepts, per asset, with their alarms. */
        public static Rows of(String description, RowTimes at, boolean[] alarms, IntPredicate keep) {
            Map<String, long[]> counts = new LinkedHashMap<>();
            for (int r = 0; r < at.size(); r++) {
                if (keep.test(r)) {
                    long[] c = counts.computeIfAbsent(at.asset(r), a -> new long[2]);
                    c[0]++;
                    c[1] += alarms[r] ? 1 : 0;
                }
            }
            List<Tally> byAsset = new ArrayList<>();
            counts.forEach((a, c) -> byAsset.add(new Tally(a, c[0], c[1])));
            return new Rows(description, byAsset);
        }

        /** All assets' rows. */
        public long rows() {
            return byAsset.stream().mapToLong(Tally::rows).sum();
        }

        /** All assets' alarming rows. */
        public long alarms() {
            return byAsset.stream().mapToLong(Tally::alarms).sum();
        }

        /** The pooled alarm rate (NaN without rows). */
        public double rate() {
            return new Tally("", rows(), alarms()).rate();
        }
    }

    /**
     * The warnings for one contender's {@code alarms} of the rows {@code at}: on the rows {@code normal} accepts or,
     * with {@code labels}, on the rows outside every labelled period. Empty when the calibration held or there were too
     * few rows to tell.
     */
    public List<String> warnings(String contender, RowTimes at, boolean[] alarms, IntPredicate normal,
                                 Optional<LabelledPeriods> labels) {
        Rows rows = labels.map(l -> {
            Map<String, List<LabelledPeriods.Period>> periods = l.of(new LinkedHashSet<>(List.of(at.assets())));
            IntPredicate unlabelled = r -> periods.get(at.asset(r)).stream().noneMatch(p -> p.contains(at.time(r)));
            return Rows.of("evaluated rows outside the labelled periods (the labelled FAR)", at, alarms, unlabelled);
        }).orElseGet(() -> Rows.of("evaluated normal rows", at, alarms, normal));
        return warning(contender, rows).stream().toList();
    }

    /** The warning for {@code rows}, when they are enough for a verdict and alarm at {@link #WARN_AT} × the target or more. */
    public Optional<String> warning(String contender, Rows rows) {
        double rate = rows.rate();
        if (rows.rows() < MIN_EXPECTED_ALARMS / falseAlarmRate || !(rate >= WARN_AT * falseAlarmRate)) {
            return Optional.empty();
        }
        String w = String.format(Locale.ROOT, "%s: %s %% of the %,d %s alarm, %s × the false-alarm rate of %s %% the score"
                        + " was calibrated to on %,d held-out normal rows: those rows did not foresee the evaluated ones"
                        + " (drift, a change of season or load, or too few of them); expect about that rate in service, or"
                        + " recalibrate on rows like the ones served", contender, percent(rate), rows.rows(),
                rows.description(), twoDigits(rate / falseAlarmRate), percent(falseAlarmRate), calibrationRows);
        if (rows.byAsset().size() > 1) {     // the pooled rate is their mean: at least one asset is over
            List<Tally> over = rows.byAsset().stream().filter(t -> t.rate() >= WARN_AT * falseAlarmRate)
                    .sorted(Comparator.comparingDouble(Tally::rate).reversed().thenComparing(Tally::rows, Comparator.reverseOrder()))
                    .toList();
            w += String.format(Locale.ROOT, "; %d of its %d assets %s at %s × the rate or more, the highest: %s", over.size(),
                    rows.byAsset().size(), over.size() == 1 ? "alarms" : "alarm", twoDigits(WARN_AT),
                    String.join(", ", over.stream().limit(NAMED_ASSETS)
                            .map(t -> String.format(Locale.ROOT, "'%s' %s %% of %,d rows", t.asset(), percent(t.rate()), t.rows()))
                            .toList()));
        }
        return Optional.of(w);
    }

    /** A fraction as a percentage of two significant digits ("2.8", "0.25", "100"), as the warnings write it. */
    public static String percent(double fraction) {
        return twoDigits(100 * fraction);
    }

    private static String twoDigits(double v) {
        return new BigDecimal(v).round(new MathContext(2)).stripTrailingZeros().toPlainString();
    }
}
