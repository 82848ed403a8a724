package org.prognos.spark.partition;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.prognos.features.labels.FailureWithinHorizon;
import org.prognos.features.labels.Labeler;
import org.prognos.features.labels.RemainingUsefulLife;

/**
 * A {@link Labeler} as it travels to the executors: the labeler records' own fields, rebuilt there into the same
 * record by its canonical constructor. The labelling itself stays in the features library.
 */
public sealed interface LabelRule extends Serializable {
    /** The labeler this rule describes. */
    Labeler labeler();

    /** The rule of {@code labeler}, the training job's or {@code prognos features --labels}'. */
    static LabelRule of(Labeler labeler) {
        if (labeler instanceof FailureWithinHorizon f) {
            return new Failure(f.horizon(), new ArrayList<>(f.components()), f.censoring());
        }
        RemainingUsefulLife r = (RemainingUsefulLife) labeler;
        return new Rul(r.unitTicks(), r.cap().isPresent(), r.cap().orElse(0));
    }

    /** {@link FailureWithinHorizon}'s fields. */
    record Failure(long horizon, ArrayList<String> components, FailureWithinHorizon.Censoring censoring)
            implements LabelRule {
        @Override
        public Labeler labeler() {
            return new FailureWithinHorizon(horizon, List.copyOf(components), censoring);
        }
    }

    /** {@link RemainingUsefulLife}'s fields. */
    record Rul(long unitTicks, boolean capped, long cap) implements LabelRule {
        @Override
        public Labeler labeler() {
            return new RemainingUsefulLife(unitTicks, capped ? OptionalLong.of(cap) : OptionalLong.empty());
        }
    }
}
