package org.prognos.training.evaluation;

import java.util.List;

/**
 * When a prediction catches a failure event: per-component tasks need the right component, binary tasks any
 * failure.
 */
public sealed interface EventMatch permits EventMatch.SameComponent, EventMatch.AnyFailure {

    /** Whether events of {@code component} are scored at all with these classes. */
    boolean scores(String component, List<String> classes);

    /** Whether a row predicted as class {@code predicted} catches a failure of {@code component}. */
    boolean catches(String component, int predicted, List<String> classes);

    /** A short name for reports. */
    String describe();

    /** Any failure class for two classes ({@code none, failure}), the same component otherwise. */
    static EventMatch forClasses(List<String> classes) {
        return classes.size() == 2 ? new AnyFailure() : new SameComponent();
    }

    /**
     * The row must be predicted as the failing component (the peer's rule). Only failures of a component that is one
     * of the classes are scored, as the labeler ignores unlisted components.
     */
    record SameComponent() implements EventMatch {
        @Override
        public boolean scores(String component, List<String> classes) {
            return classes.indexOf(component) > 0;
        }

        @Override
        public boolean catches(String component, int predicted, List<String> classes) {
            return predicted > 0 && classes.get(predicted).equals(component);
        }

        @Override
        public String describe() {
            return "same component";
        }
    }

    /** Any failure class catches any failure (binary tasks). Every failure event is scored. */
    record AnyFailure() implements EventMatch {
        @Override
        public boolean scores(String component, List<String> classes) {
            return true;
        }

        @Override
        public boolean catches(String component, int predicted, List<String> classes) {
            return predicted > 0;
        }

        @Override
        public String describe() {
            return "any failure";
        }
    }
}
