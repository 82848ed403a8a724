package org.prognos.models.anomaly;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.prognos.PrognosException;

/**
 * How an {@link AdaptiveScorer} judges one asset's stream against that asset's own recent past rather than against a
 * frozen picture of normal. Fleets drift: a pump's "normal" temperature moves with the season, a server's load with
 * its users, and a detector fitted once then frozen alarms on the drift. Four parts, the first and third optional,
 * and an optional fifth, the contextual member ({@link ContextMember}: a contextual detector on one raw column, its
 * score blended in by {@link ContextBlend#corroborated}, each keeping its own rest):
 * <ol>
 * <li><b>Online neighbours</b> ({@code memory > 0}): the raw score of a row is the mean Euclidean distance (in the
 * model's scaled units) to its {@code neighbours} nearest rows among the asset's last {@code memory} rows, leaving
 * out the {@code exclude} rows just before it (overlapping lag windows would match themselves). With
 * {@code memory = 0} the raw score is the fitted {@link Detector}'s.</li>
 * <li><b>Likelihood</b> (in the manner of Numenta's anomaly likelihood): z = (mean of the last {@code recent} raw
 * scores − mean of the up to {@code history} raw scores before them) / their standard deviation (N − 1; 10⁻⁹ added
 * so that a constant history gives a large finite z); the score is Φ(z), the standard normal CDF. Until
 * {@code minHistory} raw scores precede the recent ones the score is 0 (warming up): no alarm without a past.</li>
 * <li><b>Range check</b> (optional, {@code rangeTolerance ≥ 0}): a row with a column beyond the range that column
 * has shown on this asset so far, widened by {@code rangeTolerance} times that range on each side, scores 1 (a new
 * extreme: Numenta's "spatial anomaly"). Needs a range: the first rows, and a column constant so far, never
 * trigger. A second novelty rule of the same kind, the <b>stuck-value check</b> (optional, {@link #withStuckCheck}),
 * scores 1 when one column has held one raw value longer than the asset ever has (a stuck sensor); it is judged as
 * a new extreme is.</li>
 * <li><b>Rest</b>: after a score of at least {@code alarmLevel}, the next {@code rest} rows score 0, so that one
 * event raises one alarm rather than a run of them (or, with {@link RestRule#UNTIL_QUIET}, every row until
 * {@code rest} rows in a row stayed below {@code alarmLevel}).</li>
 * </ol>
 * A <b>warm-up</b> ({@link #withWarmUp}, {@code warmUp} rows, and/or {@link #withWarmUpTime}, {@code warmUpTicks} of
 * the asset's time; off by default) silences the asset's first rows altogether: a new asset's range check has nothing
 * to judge against.
 * An asset scored on the fleet's scaling can learn its own in that warm-up ({@link #withLearnedScaling}).
 * The enums ({@link RestRule}, {@link Reference}, {@link Neighbourhood}, {@link Extremes}) are the variants scored on
 * NAB (benchmarks/nab/README.md counts them), as is the slow mean ({@link #withSlowMean}); each defaults to the first
 * version's behaviour, and none adds state beyond two row counters, except {@link Neighbourhood#LEVEL_AND_SHAPE} (rows
 * stored twice as wide) and the slow mean (a raw-score ring of history + slow mean rather than history + recent).
 *
 * @param memory     rows of the asset's own past kept for online neighbours; 0 = use the fitted detector
 * @param neighbours neighbours averaged (online neighbours only), at least 1
 * @param exclude    the most recent rows left out of the neighbour search, at least 0
 * @param recent     raw scores averaged into the short mean, at least 1
 * @param history    raw scores before those that give the reference mean and spread, at least 2
 * @param minHistory raw scores of history needed before any score above 0, 2 … {@code history}
 * @param alarmLevel the score that starts a rest, in (0, 1]
 * @param rest       rows scored 0 after an alarm, at least 0
 * @param rangeTolerance the range check's widening as a share of the seen range, or {@link #NO_RANGE_CHECK}
 * @param restRule   which rows an alarm silences ({@link RestRule#AFTER_ALARM} by default)
 * @param reference  what the short mean is compared with ({@link Reference#RAW} by default)
 * @param neighbourhood what online neighbours compare ({@link Neighbourhood#LEVEL} by default)
 * @param extremes   whether a new extreme obeys the rest ({@link Extremes#RESTED} by default)
 * @param slowRecent raw scores averaged into a second, slow mean judged beside the short one (0 = none, the
 *                   default); see {@link #withSlowMean}
 * @param warmUp     the asset's first rows that learn but never alarm (0 = no bound in rows, the default); see
 *                   {@link #withWarmUp}
 * @param warmUpTicks the span of the asset's time, from its first row, whose rows learn but never alarm, in ticks of
 *                   the spec's time axis (microseconds on timestamps; 0 = no bound in time, the default); see
 *                   {@link #withWarmUpTime}. With both bounds the warm-up ends at the first one reached.
 * @param context    the contextual detector blended in as a fifth part ({@link ContextMember}, see
 *                   {@link #withContext}); none by default
 * @param learnScaling whether an asset scored on the fleet's scaling learns a scaling of its own from its warm-up rows
 *                   and is scored on it after the warm-up (see {@link #withLearnedScaling}); off by default, and not
 *                   written when off, so payloads without it keep their bytes
 * @param forecast   the forecast-residual member ({@link ForecastMember}: an online linear predictor of one column
 *                   from the row before, its absolute residual judged by the same likelihood, the larger likelihood
 *                   kept, as the slow mean's is; see {@link #withForecast}); none by default, and not written when
 *                   absent
 * @param stuck      the stuck-value check ({@link StuckValueCheck}: a run of one raw value longer than any the asset
 *                   has shown scores 1, once per run, as a new extreme does; see {@link #withStuckCheck}); none by
 *                   default, and not written when absent
 */
public record AdaptiveScoring(int memory, int neighbours, int exclude, int recent, int history, int minHistory,
                              double alarmLevel, int rest, double rangeTolerance, RestRule restRule,
                              Reference reference, Neighbourhood neighbourhood, Extremes extremes,
                              int slowRecent, int warmUp, long warmUpTicks,
                              @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<ContextMember> context,
                              @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean learnScaling,
                              @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<ForecastMember> forecast,
                              @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<StuckValueCheck> stuck) {
    /** {@link #rangeTolerance} that turns the range check off. */
    public static final double NO_RANGE_CHECK = -1;

    /** When an alarm silences the rows after it. */
    public enum RestRule {
        /** The {@code rest} rows after a score ≥ {@code alarmLevel} score 0; then a still-high score alarms again. */
        AFTER_ALARM,
        /**
         * A score is kept only if no row of the last {@code rest} had a score (before silencing) ≥ {@code alarmLevel}:
         * one alarm per episode, re-armed once the stream has been quiet for {@code rest} rows (contextOSE's rule),
         * so a long excursion raises one alarm, not one every {@code rest} rows.
         */
        UNTIL_QUIET
    }

    /** What the short mean of raw scores is compared with. */
    public enum Reference {
        /** The mean and spread of the individual raw scores before it. */
        RAW,
        /**
         * The mean and spread of the short means ({@code recent} rows each) before it, as Numenta's anomaly likelihood
         * fits its Gaussian to averaged scores: averaging shrinks the spread, so z measures the short mean against
         * how short means vary, the same quantity on both sides.
         */
        AVERAGED,
        /**
         * As {@link #RAW}, on log(1 + raw): distances are positive and skewed to the right, so a Gaussian fits their
         * logarithm better than them, and a stream whose raw scores spread widely is judged on ratios.
         */
        LOG
    }

    /** What online neighbours compare. */
    public enum Neighbourhood {
        /** The scaled rows as they are: a window is near another of the same shape at the same level. */
        LEVEL,
        /**
         * The scaled rows less their own mean (over the columns): a lag window is compared by its shape only, so a
         * stream that moves to a new level with its usual shape stays normal to the neighbours; the range check, on
         * the rows as they are, still judges the level.
         */
        SHAPE,
        /**
         * Both at once: the distance between two rows is the Euclidean one over the row and its mean-removed copy
         * side by side (√(level² + shape²)), so a window is near another only if near in both; twice the memory.
         */
        LEVEL_AND_SHAPE
    }

    /** Whether a range-check alarm (a new extreme) obeys the rest. */
    public enum Extremes {
        /** A new extreme during a rest scores 0 like any row. */
        RESTED,
        /**
         * A new extreme scores 1 even during a rest that a likelihood alarm started (and starts a new rest), as
         * Numenta's spatial anomaly overrides the likelihood: a value the asset has never shown is news whatever came
         * just before. Extremes within {@code rest} rows of the previous extreme are the same event and obey the
         * rest (a lag window shows one new value in each of its columns in turn).
         */
        ALWAYS
    }

    /** The settings without a forecast member or a stuck-value check. */
    public AdaptiveScoring(int memory, int neighbours, int exclude, int recent, int history, int minHistory,
                           double alarmLevel, int rest, double rangeTolerance, RestRule restRule,
                           Reference reference, Neighbourhood neighbourhood, Extremes extremes, int slowRecent, int warmUp,
                           long warmUpTicks, Optional<ContextMember> context, boolean learnScaling) {
        this(memory, neighbours, exclude, recent, history, minHistory, alarmLevel, rest, rangeTolerance, restRule,
                reference, neighbourhood, extremes, slowRecent, warmUp, warmUpTicks, context, learnScaling, Optional.empty(),
                Optional.empty());
    }

    /** The settings without a scaling learned in the warm-up. */
    public AdaptiveScoring(int memory, int neighbours, int exclude, int recent, int history, int minHistory,
                           double alarmLevel, int rest, double rangeTolerance, RestRule restRule,
                           Reference reference, Neighbourhood neighbourhood, Extremes extremes, int slowRecent, int warmUp,
                           long warmUpTicks, Optional<ContextMember> context) {
        this(memory, neighbours, exclude, recent, history, minHistory, alarmLevel, rest, rangeTolerance, restRule,
                reference, neighbourhood, extremes, slowRecent, warmUp, warmUpTicks, context, false);
    }

    /** The settings without a contextual member. */
    public AdaptiveScoring(int memory, int neighbours, int exclude, int recent, int history, int minHistory,
                           double alarmLevel, int rest, double rangeTolerance, RestRule restRule,
                           Reference reference, Neighbourhood neighbourhood, Extremes extremes, int slowRecent, int warmUp,
                           long warmUpTicks) {
        this(memory, neighbours, exclude, recent, history, minHistory, alarmLevel, rest, rangeTolerance, restRule,
                reference, neighbourhood, extremes, slowRecent, warmUp, warmUpTicks, Optional.empty());
    }

    /** The settings with a warm-up in rows only. */
    public AdaptiveScoring(int memory, int neighbours, int exclude, int recent, int history, int minHistory,
                           double alarmLevel, int rest, double rangeTolerance, RestRule restRule,
                           Reference reference, Neighbourhood neighbourhood, Extremes extremes, int slowRecent, int warmUp) {
        this(memory, neighbours, exclude, recent, history, minHistory, alarmLevel, rest, rangeTolerance, restRule,
                reference, neighbourhood, extremes, slowRecent, warmUp, 0);
    }

    /** The settings without a warm-up. */
    public AdaptiveScoring(int memory, int neighbours, int exclude, int recent, int history, int minHistory,
                           double alarmLevel, int rest, double rangeTolerance, RestRule restRule,
                           Reference reference, Neighbourhood neighbourhood, Extremes extremes, int slowRecent) {
        this(memory, neighbours, exclude, recent, history, minHistory, alarmLevel, rest, rangeTolerance, restRule,
                reference, neighbourhood, extremes, slowRecent, 0);
    }

    /** The settings without a slow mean or a warm-up. */
    public AdaptiveScoring(int memory, int neighbours, int exclude, int recent, int history, int minHistory,
                           double alarmLevel, int rest, double rangeTolerance, RestRule restRule,
                           Reference reference, Neighbourhood neighbourhood, Extremes extremes) {
        this(memory, neighbours, exclude, recent, history, minHistory, alarmLevel, rest, rangeTolerance, restRule,
                reference, neighbourhood, extremes, 0);
    }

    /** The settings of the first version: rest after an alarm, raw reference. */
    public AdaptiveScoring(int memory, int neighbours, int exclude, int recent, int history, int minHistory,
                           double alarmLevel, int rest, double rangeTolerance) {
        this(memory, neighbours, exclude, recent, history, minHistory, alarmLevel, rest, rangeTolerance,
                RestRule.AFTER_ALARM, Reference.RAW, Neighbourhood.LEVEL, Extremes.RESTED);
    }

    public AdaptiveScoring {
        require(memory >= 0, "memory", memory, "at least 0");
        require(neighbours >= 1, "neighbours", neighbours, "at least 1");
        require(exclude >= 0, "exclude", exclude, "at least 0");
        require(memory == 0 || memory > exclude + neighbours, "memory", memory,
                "more than exclude + neighbours = " + (exclude + neighbours));
        require(recent >= 1, "recent", recent, "at least 1");
        require(history >= 2, "history", history, "at least 2");
        require(minHistory >= 2 && minHistory <= history, "minHistory", minHistory, "in 2 … history = " + history);
        require(alarmLevel > 0 && alarmLevel <= 1, "alarmLevel", alarmLevel, "in (0, 1]");
        require(rest >= 0, "rest", rest, "at least 0");
        require(rangeTolerance == NO_RANGE_CHECK || rangeTolerance >= 0, "rangeTolerance", rangeTolerance,
                "at least 0, or " + NO_RANGE_CHECK + " (off)");
        require(restRule != null, "restRule", restRule, "one of " + java.util.Arrays.toString(RestRule.values()));
        require(reference != null, "reference", reference, "one of " + java.util.Arrays.toString(Reference.values()));
        require(extremes != null, "extremes", extremes, "one of " + java.util.Arrays.toString(Extremes.values()));
        require(neighbourhood != null, "neighbourhood", neighbourhood,
                "one of " + java.util.Arrays.toString(Neighbourhood.values()));
        require(slowRecent == 0 || (slowRecent > recent && slowRecent < history), "slowRecent", slowRecent,
                "0 (none) or in (recent = " + recent + ", history = " + history + ")");
        require(warmUp >= 0, "warmUp", warmUp, "at least 0");
        require(warmUpTicks >= 0, "warmUpTicks", warmUpTicks, "at least 0");
        require(context != null, "context", context, "a member or none (Optional.empty())");
        require(!learnScaling || warmUp > 0 || warmUpTicks > 0, "learnScaling", learnScaling,
                "false without a warm-up to learn in ('warmUp' rows and/or a warm-up in time, 'warmUpTicks'; both are 0)");
        require(forecast != null, "forecast", forecast, "a member or none (Optional.empty())");
        require(stuck != null, "stuck", stuck, "a check or none (Optional.empty())");
    }

    /**
     * These settings with {@code check}, the stuck-value check ({@link StuckValueCheck}): a row whose column has held
     * one raw value longer than any run the asset has shown (widened, and longer than a minimum) scores 1, once per
     * run, as a new extreme does under the range check, and obeys the same rules ({@link #extremes}, the rest). The
     * rest of the settings are unchanged.
     */
    public AdaptiveScoring withStuckCheck(StuckValueCheck check) {
        return new AdaptiveScoring(memory, neighbours, exclude, recent, history, minHistory, alarmLevel, rest,
                rangeTolerance, restRule, reference, neighbourhood, extremes, slowRecent, warmUp, warmUpTicks, context,
                learnScaling, forecast, Optional.of(check));
    }

    /**
     * These settings with {@code member}, the forecast-residual member ({@link ForecastMember}): an online linear
     * predictor of one column from the row before (recursive least squares with a forgetting factor), whose absolute
     * residual is a second raw score, judged by the same likelihood against its own history; the likelihood is the
     * larger of the two, as with the slow mean ({@link #withSlowMean}). The rest of the settings are unchanged.
     */
    public AdaptiveScoring withForecast(ForecastMember member) {
        return new AdaptiveScoring(memory, neighbours, exclude, recent, history, minHistory, alarmLevel, rest,
                rangeTolerance, restRule, reference, neighbourhood, extremes, slowRecent, warmUp, warmUpTicks, context,
                learnScaling, Optional.of(member), stuck);
    }

    /**
     * These settings with {@code member}, the contextual detector on one raw column, blended into the score (see
     * {@link ContextMember}); the rest of the settings are unchanged.
     */
    public AdaptiveScoring withContext(ContextMember member) {
        return new AdaptiveScoring(memory, neighbours, exclude, recent, history, minHistory, alarmLevel, rest,
                rangeTolerance, restRule, reference, neighbourhood, extremes, slowRecent, warmUp, warmUpTicks,
                Optional.of(member), learnScaling, forecast, stuck);
    }

    /** These settings with the range check at {@code tolerance} (a share of each column's seen range). */
    public AdaptiveScoring withRangeCheck(double tolerance) {
        return new AdaptiveScoring(memory, neighbours, exclude, recent, history, minHistory, alarmLevel, rest, tolerance,
                restRule, reference, neighbourhood, extremes, slowRecent, warmUp, warmUpTicks, context, learnScaling, forecast, stuck);
    }

    /** These settings with {@code rule} deciding which rows an alarm silences, for {@code rest} rows. */
    public AdaptiveScoring withRest(RestRule rule, int rows) {
        return new AdaptiveScoring(memory, neighbours, exclude, recent, history, minHistory, alarmLevel, rows,
                rangeTolerance, rule, reference, neighbourhood, extremes, slowRecent, warmUp, warmUpTicks, context, learnScaling, forecast, stuck);
    }

    /** These settings with the short mean compared with {@code to}. */
    public AdaptiveScoring withReference(Reference to) {
        return new AdaptiveScoring(memory, neighbours, exclude, recent, history, minHistory, alarmLevel, rest,
                rangeTolerance, restRule, to, neighbourhood, extremes, slowRecent, warmUp, warmUpTicks, context, learnScaling, forecast, stuck);
    }

    /** These settings with new extremes {@code rested} or not. */
    public AdaptiveScoring withExtremes(Extremes rule) {
        return new AdaptiveScoring(memory, neighbours, exclude, recent, history, minHistory, alarmLevel, rest,
                rangeTolerance, restRule, reference, neighbourhood, rule, slowRecent, warmUp, warmUpTicks, context, learnScaling, forecast, stuck);
    }

    /** These settings with online neighbours comparing {@code what}. */
    public AdaptiveScoring withNeighbourhood(Neighbourhood what) {
        return new AdaptiveScoring(memory, neighbours, exclude, recent, history, minHistory, alarmLevel, rest,
                rangeTolerance, restRule, reference, what, extremes, slowRecent, warmUp, warmUpTicks, context, learnScaling, forecast, stuck);
    }

    /**
     * These settings with a second, slow mean: the mean of the last {@code rows} raw scores, judged against the
     * means of {@code rows} raw scores in the history before it (as {@link Reference#AVERAGED} judges the short
     * one); the likelihood is the larger of the two. A change that lasts but never stands out row by row (a level
     * that stays a little off, a rhythm that stops) moves a long mean by more of its own spread than a short one:
     * averaging n rows shrinks the noise by √n, not the change.
     */
    public AdaptiveScoring withSlowMean(int rows) {
        return new AdaptiveScoring(memory, neighbours, exclude, recent, history, minHistory, alarmLevel, rest,
                rangeTolerance, restRule, reference, neighbourhood, extremes, rows, warmUp, warmUpTicks, context, learnScaling, forecast, stuck);
    }

    /**
     * These settings with a warm-up of the asset's first {@code rows} rows: a scorer that has been fed no more than
     * that scores 0 whatever its likelihood and range check say, and starts no rest; it learns all the same (the
     * ranges widen, the rows enter the neighbour memory, the raw scores the history) and reports its likelihood and
     * raw score. Why: an asset that appears live (a new machine, one reset or restarted by a reload) starts with an
     * empty history, and its range check would call every early reading beyond the few before it "a new extreme".
     * The likelihood already waits for {@code minHistory} raw scores; the warm-up gives the range a past too.
     * Batch and streaming count the same rows (the rows fed to one scorer), so they agree in the warm-up as after it.
     */
    public AdaptiveScoring withWarmUp(int rows) {
        return new AdaptiveScoring(memory, neighbours, exclude, recent, history, minHistory, alarmLevel, rest,
                rangeTolerance, restRule, reference, neighbourhood, extremes, slowRecent, rows, warmUpTicks, context, learnScaling, forecast, stuck);
    }

    /**
     * These settings with a warm-up in time: the rows of the asset's first {@code ticks} (of the spec's time axis,
     * counted from its first row) learn but never alarm, as {@link #withWarmUp} says; with a warm-up in rows as well,
     * the warm-up ends at the first bound reached. Why: a row count is a span of time only for an asset that reports
     * at the expected rate; an asset that reports rarely would learn for weeks. Batch and streaming see the same row
     * times, so they agree here too. 0 removes the bound in time.
     */
    public AdaptiveScoring withWarmUpTime(long ticks) {
        return new AdaptiveScoring(memory, neighbours, exclude, recent, history, minHistory, alarmLevel, rest,
                rangeTolerance, restRule, reference, neighbourhood, extremes, slowRecent, warmUp, ticks, context, learnScaling, forecast, stuck);
    }

    /**
     * These settings with {@code learn}: whether an asset scored on the fleet's scaling (every asset of a fleet-scaled
     * model; the assets outside the table of a model that scales each by its own) learns a scaling of its own from its
     * warm-up rows ({@link ColumnScaling#fitOwn}'s rule: its own mean and sample standard deviation per column, the
     * fleet's scale where it shows no spread). At the warm-up's end its scorer starts afresh on that scaling, as a new
     * asset would: its rings, ranges and rest, and its warm-up, start again, in the new units (the rows and raw scores
     * held were in the fleet's). The detector stays the fleet's: an asset's own detector is fitted only by training.
     * Why: a pump installed after training is judged in the fleet's units until a retrained model includes it; its own
     * normal may sit far from the fleet's. Needs a warm-up ({@link #withWarmUp} or {@link #withWarmUpTime}).
     */
    public AdaptiveScoring withLearnedScaling(boolean learn) {
        return new AdaptiveScoring(memory, neighbours, exclude, recent, history, minHistory, alarmLevel, rest,
                rangeTolerance, restRule, reference, neighbourhood, extremes, slowRecent, warmUp, warmUpTicks, context,
                learn, forecast, stuck);
    }

    /** Whether an asset's first rows learn without alarming (a warm-up in rows, in time, or both). */
    public boolean warmsUp() {
        return warmUp > 0 || warmUpTicks > 0;
    }

    /** The warm-up a job gets when it names none: the rows the likelihood needs before it can speak, minHistory + recent. */
    public int defaultWarmUp() {
        return minHistory + recent;
    }

    /** Whether a column beyond the asset's seen range scores 1. */
    public boolean rangeCheck() {
        return rangeTolerance != NO_RANGE_CHECK;
    }

    /**
     * The fitted detector's raw score, judged against the asset's last 2000 raw scores (short mean of 5, at least
     * 50 of history), 100 rows of rest after a score of 0.999 (100 rather than 200 or 500: chosen on NAB, see
     * benchmarks/nab/README.md, which counts that as tuning).
     */
    public static AdaptiveScoring likelihood() {
        return new AdaptiveScoring(0, 3, 0, 5, 2000, 50, 0.999, 100, NO_RANGE_CHECK);
    }

    /**
     * As {@link #likelihood()}, with the raw score the mean distance to the 3 nearest of the asset's last
     * {@code memory} rows, leaving out the {@code exclude} rows just before (the lag window's length, say).
     */
    public static AdaptiveScoring onlineNeighbours(int memory, int exclude) {
        return new AdaptiveScoring(memory, 3, exclude, 5, 2000, 50, 0.999, 100, NO_RANGE_CHECK);
    }

    /** Whether raw scores come from the asset's own recent rows rather than the fitted detector. */
    public boolean online() {
        return memory > 0;
    }

    /** The settings by name, for provenance and reports. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("memory", memory);
        m.put("neighbours", neighbours);
        m.put("exclude", exclude);
        m.put("recent", recent);
        m.put("history", history);
        m.put("minHistory", minHistory);
        m.put("alarmLevel", alarmLevel);
        m.put("rest", rest);
        m.put("rangeTolerance", rangeTolerance);
        m.put("restRule", restRule.name());
        m.put("reference", reference.name());
        m.put("neighbourhood", neighbourhood.name());
        m.put("extremes", extremes.name());
        m.put("slowRecent", slowRecent);
        m.put("warmUp", warmUp);
        m.put("warmUpTicks", warmUpTicks);
        // named only when present: settings without a member keep the text (and snapshot fingerprints) they had
        context.ifPresent(c -> m.put("context", c.asMap()));
        if (learnScaling) {   // likewise named only when on
            m.put("learnScaling", true);
        }
        forecast.ifPresent(f -> m.put("forecast", f.asMap()));   // likewise named only when present
        stuck.ifPresent(c -> m.put("stuck", c.asMap()));   // likewise named only when present
        return m;
    }

    private static void require(boolean ok, String name, Object value, String what) {
        if (!ok) {
            throw new PrognosException("adaptive scoring '" + name + "' must be " + what + ", found " + value);
        }
    }
}
