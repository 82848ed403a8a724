package org.prognos.training.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.prognos.PrognosException;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.anomaly.ContextMember;
import org.prognos.models.anomaly.ForecastMember;
import org.prognos.models.anomaly.StuckValueCheck;
import org.prognos.models.anomaly.context.ContextRange;

/**
 * An anomaly job's {@code task.scoring}: how the bundle's model is served, recorded in its payload.
 * <ul>
 * <li>absent or {@code static}: each row scored alone by the fitted model (the default);</li>
 * <li>{@code adaptive}, or an object {@code {mode: adaptive, …}}: each asset's rows through its own
 * {@link org.prognos.models.anomaly.AdaptiveScorer}. The object's other fields are {@link AdaptiveScoring}'s, each
 * optional, defaulting to {@link AdaptiveScoring#likelihood()}: {@code memory}, {@code neighbours}, {@code exclude},
 * {@code recent}, {@code history}, {@code minHistory}, {@code alarmLevel}, {@code rest}, {@code rangeTolerance}
 * (absent: no range check), {@code restRule} ({@code after-alarm} | {@code until-quiet}), {@code reference}
 * ({@code raw} | {@code averaged} | {@code log}), {@code neighbourhood} ({@code level} | {@code shape} |
 * {@code level-and-shape}), {@code extremes} ({@code rested} | {@code always}) and {@code slowRecent} (raw scores in a
 * second, slow mean judged beside the short one; 0, the default, for none) and {@code warmUp}: the asset's first rows
 * that learn but never alarm, in one of three forms:
 * <ul>
 * <li>a whole number of rows ({@code warmUp: 750}; absent: {@code minHistory + recent}, the rows the likelihood needs
 * before it can speak, so that the range check too has a past before it alarms; 0 for none);</li>
 * <li>a duration, written as {@code task.horizon} and {@code split.gap} are ({@code warmUp: 2d}, {@code 36h},
 * {@code PT90M}): the rows of the asset's first two days, however few, so that an asset that reports rarely does
 * not learn for weeks (data on timestamps only: on cycles a row is the unit of time, so give rows);</li>
 * <li>both, {@code warmUp: {rows: 750, time: 2d}}: the warm-up ends at the first bound reached.</li>
 * </ul>
 * {@code learnScaling: true} (default false) has an asset scored on the fleet's scaling learn its own from its warm-up
 * rows and be scored on it after the warm-up ({@link AdaptiveScoring#withLearnedScaling}); it needs a warm-up.</li>
 * </ul>
 * {@code context} adds the contextual member ({@link ContextMember}): {@code {column: value_9, memory: 2000,
 * margin: 0.5}}, the column required (a feature column of the spec, checked when the job runs), memory and margin
 * defaulting to those values (NAB's configuration 58), {@code learning} (rows whose range it learns) to the warm-up
 * in rows. {@code range: [low, high]} declares the column's range (a datasheet's limits, a percentage's
 * {@code [0, 100]}): finite, low below high, and no {@code margin} beside it (a declared limit is not widened); the
 * member then starts on it rather than learning one (see {@link ContextMember}). {@code bins: open} keeps a learned
 * range's bins and gives a value beyond them a bin of the same width beyond the range ({@link ContextMember.Bins#OPEN});
 * {@code bins: widening}, the default, widens the range around it (configuration 58); not with a declared range.
 * {@code forecast} adds the forecast-residual member ({@link ForecastMember}): {@code {column: value_9, memory: 2000}},
 * the column required (a feature column of the spec, checked when the job runs), memory (rows, at least 2: the
 * forgetting factor 1 − 1/memory) defaulting to 2000, as the contextual member's. Off when absent.
 * {@code stuck} adds the stuck-value check ({@link StuckValueCheck}): {@code {column: value_9, minRun: 10}}, the column
 * required (a feature column of the spec, checked when the job runs), {@code minRun} (values a run must exceed
 * whatever the asset has shown, at least 1) defaulting to 10, configuration 63's (the lag window of
 * {@code nab-value-lags.json}: set it to your spec's window length). Its widening is not a field: 5 %, configuration
 * 63's, the range check's Numenta tolerance. Off when absent.
 * An unknown field is an error naming every known one.
 */
final class ScoringConfig {
    private static final List<String> FIELDS = List.of("mode", "memory", "neighbours", "exclude", "recent", "history",
            "minHistory", "alarmLevel", "rest", "rangeTolerance", "restRule", "reference", "neighbourhood", "extremes",
            "slowRecent", "warmUp", "context", "learnScaling", "forecast", "stuck");
    private static final List<String> CONTEXT_FIELDS = List.of("column", "memory", "margin", "learning", "range",
            "bins");
    /** The contextual member's memory when a job names none: NAB's configuration 58, the online neighbours' memory. */
    static final int CONTEXT_MEMORY = 2000;
    /** … and its margin: configuration 58's, set before that configuration was scored. */
    static final double CONTEXT_MARGIN = 0.5;
    private static final List<String> FORECAST_FIELDS = List.of("column", "memory");
    /**
     * The forecast member's memory when a job names none: as the contextual member's, the online neighbours' memory of
     * 2000 rows, the memory configuration 62 declared before it was scored (λ = 1 − 1/2000).
     */
    static final int FORECAST_MEMORY = 2000;
    private static final List<String> STUCK_FIELDS = List.of("column", "minRun");
    /**
     * The stuck-value check's minimum run when a job names none: configuration 63's, declared before it was scored, the
     * lag window of {@code nab-value-lags.json} (10 rows), so that only a run longer than the whole window the detector
     * sees can alarm. A spec with another window should name its length.
     */
    static final int STUCK_MIN_RUN = 10;
    /**
     * The stuck-value check's widening, not a job field: configuration 63's, the range check's 5 % (Numenta's spatial
     * tolerance), declared before it was scored and never tuned; a run must outlast the longest seen by that share.
     */
    static final double STUCK_WIDENING = 0.05;

    private ScoringConfig() {
    }

    /** {@code task.scoring} as a config writes it; absent (null or missing) is static. */
    static AnomalyScoring parse(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return AnomalyScoring.STATIC;
        }
        if (node.isTextual()) {
            return mode(node.asText()) ? adaptive(null) : AnomalyScoring.STATIC;
        }
        if (!node.isObject()) {
            throw new InvalidSpecException("'task.scoring' must be static, adaptive or an object {mode: adaptive, …}, found "
                    + node);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new InvalidSpecException("'task.scoring." + f + "' is not a scoring field; known: " + FIELDS);
            }
        }
        TrainingConfig.require("task.scoring.mode", node.path("mode").isTextual() ? node.path("mode").asText() : null);
        if (!mode(node.path("mode").asText())) {
            if (node.size() > 1) {
                throw new InvalidSpecException("'task.scoring' with mode static takes no other field, found " + node);
            }
            return AnomalyScoring.STATIC;
        }
        return adaptive(node);
    }

    /** Whether {@code text} is the adaptive mode (else static); anything else is an error. */
    private static boolean mode(String text) {
        return switch (text) {
            case "static" -> false;
            case "adaptive" -> true;
            default -> throw new InvalidSpecException("'task.scoring.mode' must be static or adaptive, found '" + text + "'");
        };
    }

    private static AnomalyScoring adaptive(JsonNode node) {
        AdaptiveScoring d = AdaptiveScoring.likelihood();
        try {
            AdaptiveScoring settings = new AdaptiveScoring(
                    integer(node, "memory", d.memory()), integer(node, "neighbours", d.neighbours()),
                    integer(node, "exclude", d.exclude()), integer(node, "recent", d.recent()),
                    integer(node, "history", d.history()), integer(node, "minHistory", d.minHistory()),
                    number(node, "alarmLevel", d.alarmLevel()), integer(node, "rest", d.rest()),
                    number(node, "rangeTolerance", d.rangeTolerance()),
                    name(node, "restRule", AdaptiveScoring.RestRule.class, d.restRule()),
                    name(node, "reference", AdaptiveScoring.Reference.class, d.reference()),
                    name(node, "neighbourhood", AdaptiveScoring.Neighbourhood.class, d.neighbourhood()),
                    name(node, "extremes", AdaptiveScoring.Extremes.class, d.extremes()),
                    integer(node, "slowRecent", d.slowRecent()));
            AdaptiveScoring warmed = learnScaling(node == null ? null : node.get("learnScaling"),
                    warmUp(node == null ? null : node.get("warmUp"), settings));
            AdaptiveScoring members = stuck(node == null ? null : node.get("stuck"),
                    forecast(node == null ? null : node.get("forecast"),
                            context(node == null ? null : node.get("context"), warmed)));
            return new AnomalyScoring.Adaptive(members);
        } catch (InvalidSpecException e) {
            throw e;
        } catch (PrognosException e) {
            throw new InvalidSpecException("'task.scoring': " + e.getMessage());
        }
    }

    /**
     * {@code settings} with {@code task.scoring.learnScaling} ({@code v}: true or false; absent: false), which needs a
     * warm-up to learn in.
     */
    private static AdaptiveScoring learnScaling(JsonNode v, AdaptiveScoring settings) {
        String at = "task.scoring.learnScaling";
        if (v == null || v.isNull()) {
            return settings;
        }
        if (!v.isBoolean()) {
            throw new InvalidSpecException("'" + at + "' must be true or false, found " + v);
        }
        if (v.asBoolean() && !settings.warmsUp()) {
            throw new InvalidSpecException("'" + at + "' needs a warm-up to learn the asset's scaling in: "
                    + "'task.scoring.warmUp' is 0 (give rows, a duration, or {rows: …, time: …})");
        }
        return settings.withLearnedScaling(v.asBoolean());
    }

    /** {@code settings} with the warm-up {@code v} (a {@code task.scoring.warmUp} value) gives; absent: the default rows. */
    private static AdaptiveScoring warmUp(JsonNode v, AdaptiveScoring settings) {
        String at = "task.scoring.warmUp";
        if (v == null || v.isNull()) {
            return settings.withWarmUp(settings.defaultWarmUp());
        }
        if (v.isNumber()) {
            return settings.withWarmUp(rows(v, at));
        }
        if (v.isTextual()) {
            return settings.withWarmUp(0).withWarmUpTime(duration(v.asText(), at));
        }
        if (!v.isObject() || v.isEmpty()) {
            throw new InvalidSpecException("'" + at + "' must be rows (750), a duration (2d) or {rows: 750, time: 2d}, found " + v);
        }
        for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("rows") && !f.equals("time")) {
                throw new InvalidSpecException("'" + at + "." + f + "' is not a warm-up field; known: [rows, time]");
            }
        }
        JsonNode time = v.get("time");
        if (time != null && !time.isTextual()) {
            throw new InvalidSpecException("'" + at + ".time' must be a duration such as 2d or 36h, found " + time);
        }
        return settings.withWarmUp(v.has("rows") ? rows(v.get("rows"), at + ".rows") : 0)
                .withWarmUpTime(time == null ? 0 : duration(time.asText(), at + ".time"));
    }

    /**
     * {@code settings} with the contextual member {@code v} (a {@code task.scoring.context} value) names; absent: none.
     * {@code column} is required (resolved against the spec's columns when the job runs), {@code memory} and
     * {@code margin} default to configuration 58's, {@code learning} to the warm-up in rows.
     */
    private static AdaptiveScoring context(JsonNode v, AdaptiveScoring settings) {
        Member member = new Member("task.scoring.context", CONTEXT_FIELDS, "a contextual member",
                "{column: …, memory: 2000, margin: 0.5}");
        String at = member.at();
        if (member.absent(v)) {
            return settings;
        }
        String column = member.column(v, "the member reads");
        int learning;
        if (v.has("learning")) {
            learning = rows(v.get("learning"), at + ".learning");
        } else if (settings.warmUp() > 0) {
            learning = settings.warmUp();
        } else {
            throw new InvalidSpecException("'" + at + ".learning' is needed when 'task.scoring.warmUp' gives no rows:"
                    + " the member learns its range on the asset's first rows");
        }
        JsonNode margin = v.get("margin");
        if (margin != null && !margin.isNumber()) {
            throw new InvalidSpecException("'" + at + ".margin' must be a number, found " + margin);
        }
        Optional<ContextRange> range = range(v.get("range"), at + ".range");
        if (range.isPresent() && margin != null) {
            throw new InvalidSpecException("'" + at + ".margin' widens a learned range; with '" + at + ".range' declared"
                    + " there is none to widen: give one of the two");
        }
        ContextMember.Bins bins = bins(v.get("bins"), at + ".bins");
        if (range.isPresent() && bins != ContextMember.Bins.WIDENING) {
            throw new InvalidSpecException("'" + at + ".bins' opens a learned range's bins; with '" + at + ".range'"
                    + " declared the range is fixed and a value beyond it clipped: give one of the two");
        }
        int memory = v.has("memory") ? rows(v.get("memory"), at + ".memory") : CONTEXT_MEMORY;
        try {
            return settings.withContext(range.isPresent()
                    ? ContextMember.declared(column, memory, learning, range.get())
                    : new ContextMember(column, memory, margin == null ? CONTEXT_MARGIN : margin.doubleValue(),
                            learning, Optional.empty(), bins));
        } catch (PrognosException e) {
            throw new InvalidSpecException("at '" + at + "': " + e.getMessage());
        }
    }

    /**
     * {@code settings} with the forecast-residual member {@code v} (a {@code task.scoring.forecast} value) names;
     * absent: none. {@code column} is required (resolved against the spec's columns when the job runs), {@code memory}
     * (rows, at least 2: the forgetting factor 1 − 1/memory, {@link ForecastMember#remembering}) defaults to
     * {@value #FORECAST_MEMORY}.
     */
    private static AdaptiveScoring forecast(JsonNode v, AdaptiveScoring settings) {
        Member member = new Member("task.scoring.forecast", FORECAST_FIELDS, "a forecast member",
                "{column: …, memory: 2000}");
        if (member.absent(v)) {
            return settings;
        }
        String column = member.column(v, "the member predicts");
        int memory = member.atLeast(v, "memory", FORECAST_MEMORY, 2, "2 rows (the forgetting factor is 1 − 1/memory,"
                + " and 1 row would forget every pair as it learns it)");
        return settings.withForecast(ForecastMember.remembering(column, memory));
    }

    /**
     * {@code settings} with the stuck-value check {@code v} (a {@code task.scoring.stuck} value) names; absent: none.
     * {@code column} is required (resolved against the spec's columns when the job runs), {@code minRun} (values, at
     * least 1) defaults to {@value #STUCK_MIN_RUN}; the widening is {@value #STUCK_WIDENING}.
     */
    private static AdaptiveScoring stuck(JsonNode v, AdaptiveScoring settings) {
        Member member = new Member("task.scoring.stuck", STUCK_FIELDS, "a stuck-value check", "{column: …, minRun: 10}");
        if (member.absent(v)) {
            return settings;
        }
        String column = member.column(v, "whose raw values the check watches");
        int minRun = member.atLeast(v, "minRun", STUCK_MIN_RUN, 1, "1 value (a run must be longer than it whatever the"
                + " asset has shown)");
        return settings.withStuckCheck(new StuckValueCheck(column, STUCK_WIDENING, minRun));
    }

    /**
     * One member object of {@code task.scoring} ({@code context}, {@code forecast}, {@code stuck}), read the same way
     * for each: an object of known {@code fields} naming a feature {@code column}; {@code kind} and {@code shape} name
     * it in the refusals.
     */
    private record Member(String at, List<String> fields, String kind, String shape) {
        /** Whether {@code v} is absent (the member is off); else it must be an object of known fields. */
        boolean absent(JsonNode v) {
            if (v == null || v.isNull()) {
                return true;
            }
            if (!v.isObject()) {
                throw new InvalidSpecException("'" + at + "' must be " + shape + ", found " + v);
            }
            for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!fields.contains(f)) {
                    throw new InvalidSpecException("'" + at + "." + f + "' is not " + kind + " field; known: " + fields);
                }
            }
            return false;
        }

        /** The required feature column, which the member {@code uses} (for the refusal's words). */
        String column(JsonNode v, String uses) {
            JsonNode column = v.get("column");
            if (column == null || !column.isTextual() || column.asText().isBlank()) {
                throw new InvalidSpecException("'" + at + ".column' must name the feature column " + uses
                        + " (for a lag window, its latest value), found " + column);
            }
            return column.asText();
        }

        /** The whole number {@code field} gives, {@code otherwise} when absent, refused below {@code least}. */
        int atLeast(JsonNode v, String field, int otherwise, int least, String leastWhy) {
            int n = v.has(field) ? rows(v.get(field), at + "." + field) : otherwise;
            if (n < least) {
                throw new InvalidSpecException("'" + at + "." + field + "' must be at least " + leastWhy + ", found " + n);
            }
            return n;
        }
    }

    /** The bins {@code v} names ({@code open} or {@code widening}); absent: widening, configuration 58's. */
    private static ContextMember.Bins bins(JsonNode v, String at) {
        if (v == null || v.isNull()) {
            return ContextMember.Bins.WIDENING;
        }
        for (ContextMember.Bins b : ContextMember.Bins.values()) {
            if (v.isTextual() && v.asText().equals(b.name().toLowerCase(java.util.Locale.ROOT))) {
                return b;
            }
        }
        throw new InvalidSpecException("'" + at + "' must be open or widening, found " + v);
    }

    /** The range {@code v} ({@code [low, high]}) declares; absent: none (the member learns one). */
    private static Optional<ContextRange> range(JsonNode v, String at) {
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isArray() || v.size() != 2 || !v.get(0).isNumber() || !v.get(1).isNumber()) {
            throw new InvalidSpecException("'" + at + "' must be [low, high], two numbers (the sensor's declared"
                    + " limits), found " + v);
        }
        double low = v.get(0).doubleValue();
        double high = v.get(1).doubleValue();
        if (!Double.isFinite(low) || !Double.isFinite(high) || !(low < high)) {
            throw new InvalidSpecException("'" + at + "' must be finite with low < high, found [" + low + ", " + high
                    + "]");
        }
        return Optional.of(new ContextRange(low, high));
    }

    private static int rows(JsonNode v, String at) {
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new InvalidSpecException("'" + at + "' must be a whole number of rows, found " + v);
        }
        return v.intValue();
    }

    /**
     * A duration in microseconds, the ticks of a timestamped spec's axis whatever its zone; {@link TaskConfig.Anomaly}
     * refuses one for data on cycles.
     */
    private static long duration(String text, String at) {
        long ticks;
        try {
            ticks = TimeAxis.Timestamps.utc().parseSpan(text);
        } catch (RuntimeException e) {
            throw new InvalidSpecException("at '" + at + "': " + e.getMessage());
        }
        if (ticks <= 0) {
            throw new InvalidSpecException("at '" + at + "': a warm-up in time must be longer than 0, found '" + text + "'");
        }
        return ticks;
    }

    private static int integer(JsonNode node, String field, int otherwise) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null) {
            return otherwise;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new InvalidSpecException("'task.scoring." + field + "' must be a whole number, found " + v);
        }
        return v.intValue();
    }

    private static double number(JsonNode node, String field, double otherwise) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null) {
            return otherwise;
        }
        if (!v.isNumber()) {
            throw new InvalidSpecException("'task.scoring." + field + "' must be a number, found " + v);
        }
        return v.doubleValue();
    }

    private static <E extends Enum<E>> E name(JsonNode node, String field, Class<E> type, E otherwise) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null ? otherwise : WireNames.parse(type, "task.scoring." + field, v.asText());
    }
}
