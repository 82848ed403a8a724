package org.prognos.live.alert;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What the model said when the alert opened: the payload an operator reads beside the value and threshold. */
public sealed interface Outlook {
    /**
     * A classifier's failure probabilities within its horizon.
     *
     * @param horizon     the horizon as trained, e.g. {@code 24h}
     * @param probability P(any failure within the horizon)
     * @param byComponent probability per component, in the model's class order
     */
    record Failure(String horizon, double probability, Map<String, Double> byComponent) implements Outlook {
        public Failure {
            Objects.requireNonNull(horizon, "horizon");
            byComponent = Collections.unmodifiableMap(new LinkedHashMap<>(byComponent));
        }
    }

    /**
     * A regressor's remaining useful life.
     *
     * @param value the predicted life, in {@code unit}s
     * @param unit  e.g. {@code cycle} or {@code hour}
     */
    record RemainingLife(double value, String unit) implements Outlook {
        public RemainingLife {
            Objects.requireNonNull(unit, "unit");
        }
    }

    /**
     * An anomaly detector's score.
     *
     * @param score the anomaly score
     */
    record Anomaly(double score) implements Outlook {
    }
}
