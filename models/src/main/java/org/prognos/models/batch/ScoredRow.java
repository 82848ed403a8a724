package org.prognos.models.batch;

import java.util.List;

/**
 * One scored (asset, time) row, in the order of {@link DatasetScorer#numericColumns()}.
 *
 * @param asset   the asset id
 * @param time    the time scored at, formatted on the model's time axis (the service's {@code scoredAt})
 * @param numbers risk, health index, then P(any failure) and one probability per failure class (classifiers), the
 *                remaining useful life (RUL models) or the anomaly columns (for a model scored adaptively, risk and
 *                health index are the adaptive answer's and the fitted ones follow: {@link DatasetScorer#ADAPTIVE_COLUMNS})
 * @param band    the risk band ({@code low}, {@code watch}, {@code high}, {@code critical})
 * @param alarm   whether the risk reaches the model's threshold
 * @param drivers the top features by |contribution|, largest first (empty unless asked for)
 */
public record ScoredRow(String asset, String time, double[] numbers, String band, boolean alarm, List<Driver> drivers) {
    public ScoredRow {
        numbers = numbers.clone();
        drivers = List.copyOf(drivers);
    }

    @Override
    public double[] numbers() {
        return numbers.clone();
    }

    /** How many numbers the row has. */
    public int count() {
        return numbers.length;
    }

    /** A number without a copy, for writing. */
    public double number(int i) {
        return numbers[i];
    }

    /**
     * One feature's part in a score.
     *
     * @param feature      the feature column
     * @param contribution risk minus the risk with the feature at its reference value
     */
    public record Driver(String feature, double contribution) {
    }
}
