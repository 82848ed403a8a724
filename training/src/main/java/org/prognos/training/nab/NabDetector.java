package org.prognos.training.nab;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.context.ContextRange;
import org.prognos.models.anomaly.ContextMember;
import org.prognos.models.anomaly.context.ContextScorer;
import org.prognos.models.anomaly.context.ContextSettings;
import org.prognos.models.anomaly.context.ForgettingContextScorer;
import org.prognos.models.anomaly.context.WideningContextScorer;
import org.prognos.training.anomaly.DetectorSettings;

/**
 * One setting for every NAB file: an anomaly family (fitted on each file's probationary period) and how its raw
 * scores become the streamed score.
 *
 * @param name     the detector's name in NAB's results ({@code results/<name>/…}); letters and digits only
 * @param family   the product's anomaly family and its hyperparameters
 * @param adaptive the streaming score on top of the family's raw score
 * @param blend    which streamed score is written: the adaptive one, the contextual one
 *                 ({@link org.prognos.models.anomaly.context.ContextScorer} on the raw value, its range learned on
 *                 the probation; {@code family} and {@code adaptive} then unused) or the larger of the two
 * @param context  how the contextual detector's range follows the stream (unused by {@link Blend#ADAPTIVE})
 */
public record NabDetector(String name, DetectorSettings family, AdaptiveScoring adaptive, Blend blend,
                          ContextRule context) {
    /**
     * How the contextual detector's value range is set: learned on the probation and fixed, widening, forgetting, or
     * given (the range NAB's harness hands every detector).
     */
    public sealed interface ContextRule {
        /**
         * The scorer of one stream whose probation is {@code values[0 … learning)}.
         *
         * @param values   the stream's values; a rule reads only the probation's, {@code values[0 … learning)}, up front
         * @param learning the probation's length
         * @param given    the range the detector is told before the stream starts: on NAB the file's min and max, as
         *                 NAB's harness hands every detector ({@link NabSeries#harnessRange()}); read only by
         *                 {@link Given}
         */
        DoubleUnaryOperator start(double[] values, int learning, ContextRange given);

        /** The rule by name, for provenance. */
        Map<String, Object> asMap();

        /** The probation's range, fixed; later values clipped into it ({@link ContextScorer}). */
        record Clipped() implements ContextRule {
            @Override
            public DoubleUnaryOperator start(double[] values, int learning, ContextRange given) {
                return ContextScorer.learnedFrom(values, learning)::next;
            }

            @Override
            public Map<String, Object> asMap() {
                return NabDetector.ordered("range", "probation, clipped");
            }
        }

        /**
         * The range seen so far widened by {@code margin} of its span on each side, widened again (and the memory
         * relearned by replay) when a value leaves it ({@link WideningContextScorer}).
         */
        record Widening(double margin) implements ContextRule {
            public Widening {
                if (!(margin >= 0) || !Double.isFinite(margin)) {
                    throw new IllegalArgumentException("a widening margin is finite and at least 0, found " + margin);
                }
            }

            @Override
            public DoubleUnaryOperator start(double[] values, int learning, ContextRange given) {
                return WideningContextScorer.learnedFrom(values, learning, margin)::next;
            }

            @Override
            public Map<String, Object> asMap() {
                return NabDetector.ordered("range", "seen, widening", "margin", margin);
            }
        }

        /**
         * A memory that forgets ({@link ForgettingContextScorer}): the detector has learned only the last
         * {@code memory} to {@code 2 · memory} values, so a stream's state is bounded; its range widened by
         * {@code margin} around every value seen ({@link ForgettingContextScorer.Range#SEEN}) or around the
         * remembered values only, so that it also narrows ({@link ForgettingContextScorer.Range#REMEMBERED}), or
         * learned once and its bins left open beyond it ({@link ForgettingContextScorer.Range#OPEN}).
         */
        record Forgetting(double margin, int memory, ForgettingContextScorer.Range range) implements ContextRule {
            public Forgetting {
                if (!(margin >= 0) || !Double.isFinite(margin) || memory < 1) {
                    throw new IllegalArgumentException("a forgetting context rule needs a finite margin >= 0 and a memory"
                            + " of at least 1 row, found " + margin + " and " + memory);
                }
                Objects.requireNonNull(range, "range");
                if (range == ForgettingContextScorer.Range.GIVEN) {
                    throw new IllegalArgumentException("a forgetting context rule learns its range; a given range is"
                            + " the rule Given");
                }
            }

            @Override
            public DoubleUnaryOperator start(double[] values, int learning, ContextRange given) {
                return ForgettingContextScorer.learnedFrom(values, learning, margin, memory, range)::next;
            }

            @Override
            public Map<String, Object> asMap() {
                String what = switch (range) {
                    case SEEN -> "seen, widening";
                    case REMEMBERED -> "remembered, widening and narrowing";
                    case OPEN -> "learned, open bins";
                    case GIVEN -> throw new IllegalStateException("refused by the constructor");
                };
                return NabDetector.ordered("range", what, "margin", margin, "memory", memory);
            }
        }

        /**
         * The range the detector is given, fixed, with a memory that forgets as {@link Forgetting}'s
         * ({@link ForgettingContextScorer#givenRange}): on NAB the file's min and max, the one piece of the file NAB's
         * harness hands every detector before the stream (NAB's rule, as the published anchors ran; not the stricter
         * causal rule of the other rules, which learn the range from the past only); in the product, a sensor's
         * declared range. The rest is the probation's fifth, as for the other rules.
         */
        record Given(int memory) implements ContextRule {
            public Given {
                if (memory < 1) {
                    throw new IllegalArgumentException("a given-range context rule needs a memory of at least 1 row, found "
                            + memory);
                }
            }

            @Override
            public DoubleUnaryOperator start(double[] values, int learning, ContextRange given) {
                return ForgettingContextScorer.givenRange(Objects.requireNonNull(given, "given"), memory,
                        ContextSettings.forLearningPeriod(learning))::next;
            }

            @Override
            public Map<String, Object> asMap() {
                return NabDetector.ordered("range", "given (NAB: the file's min and max, as NAB's harness gives), fixed", "memory",
                        memory);
            }
        }
    }

    /** Which streamed score a detector writes. */
    public enum Blend {
        /** The family's raw score through the adaptive score. */
        ADAPTIVE,
        /** The contextual anomaly detector (a port of NAB's contextOSE) on the raw value. */
        CONTEXT,
        /** The larger of the two, each with its own rest rule: an alarm of either is kept. */
        LARGER,
        /**
         * As {@link #LARGER}, with the contextual score first mapped so that its own alarm level (the score that
         * starts its rest, 0.75) meets the adaptive score's ({@link AdaptiveScoring#alarmLevel()}, 0.999), linearly
         * below and above: the two are compared alarm to alarm rather than on their raw scales.
         */
        LARGER_ALIGNED,
        /**
         * The spectral residual (Ren et al., KDD 2019) of the raw value alone, its threshold τ mapped to the adaptive
         * score's alarm level, with the adaptive score's rest ({@code family} and the rest of {@code adaptive} unused).
         */
        SPECTRAL,
        /** As {@link #LARGER_ALIGNED}, with the {@link #SPECTRAL} score as a third member: the largest of the three. */
        LARGER_ALIGNED_SPECTRAL,
        /**
         * As {@link #LARGER_ALIGNED}, the contextual score counted only on rows where the adaptive likelihood (before
         * rest) is at least one half: a contextual alarm needs the neighbours to find the stream at least a little
         * unusual too (corroboration), so that noise moving between bins alone does not alarm.
         */
        LARGER_ALIGNED_CORROBORATED
    }

    /** An adaptive detector. */
    public NabDetector(String name, DetectorSettings family, AdaptiveScoring adaptive) {
        this(name, family, adaptive, Blend.ADAPTIVE);
    }

    /** A detector whose contextual range is the probation's, clipped. */
    public NabDetector(String name, DetectorSettings family, AdaptiveScoring adaptive, Blend blend) {
        this(name, family, adaptive, blend, new ContextRule.Clipped());
    }

    public NabDetector {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(adaptive, "adaptive");
        Objects.requireNonNull(blend, "blend");
        Objects.requireNonNull(context, "context");
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("a NAB detector name is letters and digits, found '" + name + "'");
        }
    }

    /**
     * The product's contextual member ({@link ContextMember}) this detector's blend is, reading {@code column} and
     * learning on the first {@code learning} values: for {@link Blend#LARGER_ALIGNED_CORROBORATED} over a
     * {@link ContextRule.Forgetting} memory with the seen range or open bins, the blend adaptive scoring runs in a
     * job, the service and Flink; empty for the others, which the runner blends itself.
     */
    public Optional<ContextMember> member(String column, int learning) {
        if (blend == Blend.LARGER_ALIGNED_CORROBORATED && context instanceof ContextRule.Forgetting f) {
            return switch (f.range()) {
                case SEEN -> Optional.of(new ContextMember(column, f.memory(), f.margin(), learning));
                case OPEN -> Optional.of(ContextMember.openBins(column, f.memory(), f.margin(), learning));
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    /**
     * {@code name, value, …} as an unmodifiable map in that order: the provenance file lists settings as declared
     * ({@code Map.of}'s order changes from one JVM to the next).
     */
    static Map<String, Object> ordered(Object... nameValue) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], nameValue[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The settings by name, for the run's provenance file. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("family", family.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
        m.put("params", family.asMap());
        m.put("adaptive", adaptive.asMap());
        m.put("blend", blend.name());
        if (blend != Blend.ADAPTIVE && blend != Blend.SPECTRAL) {
            m.put("context", context.asMap());
        }
        return m;
    }
}
