package org.prognos.models.drift;

import java.util.Comparator;
import java.util.List;

/** What can be said about a model's drift: nothing (no profile), not yet (too few rows), or a judgement per feature. */
public sealed interface DriftVerdict {
    /** The live rows the verdict rests on. */
    int rows();

    /** The model's overall status: the worst counted feature's; empty unless judged. */
    java.util.Optional<DriftStatus> status();

    /** The name in JSON: {@code no-profile}, {@code warming-up}, or the overall status. */
    String label();

    /**
     * The bundle carries no profile (written before profiles existed, or by a trainer that did not make one).
     *
     * @param rows live rows seen anyway
     */
    record NoProfile(int rows) implements DriftVerdict {
        @Override
        public java.util.Optional<DriftStatus> status() {
            return java.util.Optional.empty();
        }

        @Override
        public String label() {
            return "no-profile";
        }
    }

    /**
     * Fewer live rows than the thresholds' minimum: a PSI on a handful of rows is noise.
     *
     * @param rows    live rows so far
     * @param minRows rows needed
     */
    record WarmingUp(int rows, int minRows) implements DriftVerdict {
        @Override
        public java.util.Optional<DriftStatus> status() {
            return java.util.Optional.empty();
        }

        @Override
        public String label() {
            return "warming-up";
        }
    }

    /**
     * Every feature measured.
     *
     * @param rows     live rows compared
     * @param features per feature, in the model's column order
     */
    record Judged(int rows, List<FeatureDrift> features) implements DriftVerdict {
        public Judged {
            features = List.copyOf(features);
        }

        @Override
        public java.util.Optional<DriftStatus> status() {
            return java.util.Optional.of(features.stream().filter(FeatureDrift::counted).map(FeatureDrift::status)
                    .reduce(DriftStatus.STABLE, DriftStatus::worst));
        }

        @Override
        public String label() {
            return status().orElseThrow().label();
        }

        /** The features, largest PSI first. */
        public List<FeatureDrift> byPsi() {
            return features.stream().sorted(Comparator.comparingDouble(FeatureDrift::psi).reversed()).toList();
        }

        /** The counted features at {@code status} (those set aside are not). */
        public List<FeatureDrift> at(DriftStatus status) {
            return features.stream().filter(f -> f.counted() && f.status() == status).toList();
        }

        /** The features set aside: measured, shown, not counted. */
        public List<FeatureDrift> setAside() {
            return features.stream().filter(f -> !f.counted()).toList();
        }

        /** The largest PSI of any counted feature. */
        public double maxPsi() {
            return features.stream().filter(FeatureDrift::counted).mapToDouble(FeatureDrift::psi).max().orElse(0);
        }
    }
}
