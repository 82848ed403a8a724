package org.prognos.training.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.prognos.features.InvalidSpecException;

/**
 * Labelled anomaly periods an anomaly job evaluates against ({@code evaluation}), besides its failure log: a closed
 * set, one key each. Labels are read after fitting, to evaluate only; nothing is fitted on them.
 * <pre>
 * evaluation: {periods: incidents.csv}     # asset,start,end per line (or NAB's combined_windows.json); relative to the job
 * evaluation: {labelColumn: anomaly}       # a 0/1 column of the data: consecutive 1-rows of an asset form a period
 * </pre>
 */
public sealed interface EvaluationConfig permits EvaluationConfig.PeriodsFile, EvaluationConfig.LabelColumn {

    /** Reads {@code evaluation} as a config writes it: exactly one of {@code periods} and {@code labelColumn}. */
    @JsonCreator
    static EvaluationConfig of(@JsonProperty("periods") String periods, @JsonProperty("labelColumn") String labelColumn) {
        if ((periods == null) == (labelColumn == null)) {
            throw new InvalidSpecException("'evaluation.periods' (a file of labelled periods) or 'evaluation.labelColumn'"
                    + " (a 0/1 column of the data): give exactly one");
        }
        return periods != null ? new PeriodsFile(periods) : new LabelColumn(labelColumn);
    }

    /** What the config names, for the log and {@code metrics.json}. */
    String describe();

    /**
     * A file of labelled periods: CSV {@code asset,start,end} (a header line, times on the spec's axis, both ends
     * inside the period), or a {@code .json} file in the shape of NAB's {@code combined_windows.json}.
     *
     * @param path the file, relative to the job config
     */
    record PeriodsFile(String path) implements EvaluationConfig {
        public PeriodsFile {
            TrainingConfig.require("evaluation.periods", path);
        }

        @Override
        public String describe() {
            return "periods from " + path;
        }
    }

    /**
     * A 0/1 column of the data (a benchmark's {@code anomaly} column): a run of an asset's consecutive readings at 1 is
     * one period, from its first reading to its last. The spec must not read it.
     *
     * @param column the column's name in the data
     */
    record LabelColumn(String column) implements EvaluationConfig {
        public LabelColumn {
            TrainingConfig.require("evaluation.labelColumn", column);
        }

        @Override
        public String describe() {
            return "periods from the data's column '" + column + "'";
        }
    }
}
