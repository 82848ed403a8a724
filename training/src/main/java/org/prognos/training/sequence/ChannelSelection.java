package org.prognos.training.sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.prognos.features.extract.FeatureTable;
import org.prognos.models.dl4j.SequenceInput;

/**
 * The outcome of a {@link ChannelSelectionRule} on training rows: every candidate channel with its statistics and
 * whether it was kept, in the table's channel order.
 *
 * @param rule     the rule applied
 * @param channels every candidate, kept or not
 */
public record ChannelSelection(ChannelSelectionRule rule, List<ChannelStatistics> channels) {
    public ChannelSelection {
        channels = List.copyOf(channels);
    }

    /**
     * One candidate channel.
     *
     * @param channel             the channel name
     * @param mean                mean of its normalized current reading over the training rows
     * @param std                 standard deviation (N) of that reading over the training rows
     * @param meanAbsCorrelation  the mean over training assets of |Pearson correlation| between that reading and the
     *                            remaining-life label within the asset (0 for an asset where either is constant)
     * @param kept                whether the rule keeps it
     */
    public record ChannelStatistics(String channel, double mean, double std, double meanAbsCorrelation, boolean kept) {
    }

    /**
     * Applies {@code rule} to {@code candidates} over the rows of {@code table} where {@code use} is true.
     *
     * @param window the sequence length; the current reading of channel c is column {@code c_seq_<window-1>}
     * @param rul    the label of each table row ({@code NaN} = censored, skipped for the correlation)
     */
    public static ChannelSelection fit(ChannelSelectionRule rule, FeatureTable table, double[] rul, boolean[] use,
                                       List<String> candidates, int window) {
        Map<String, int[]> byAsset = table.rowsByAsset();
        List<ChannelStatistics> out = new ArrayList<>();
        for (String channel : candidates) {
            out.add(statistics(rule, channel, table.column(SequenceInput.column(channel, window - 1)), table, rul,
                    use, byAsset));
        }
        return new ChannelSelection(rule, out);
    }

    /**
     * Applies {@code rule} to feature columns fed as scalars (see {@link SequenceInput}): the same statistics, read
     * from the column itself. A column that is constant or does not move with wear within assets is dropped like a
     * channel.
     */
    public static ChannelSelection fitScalars(ChannelSelectionRule rule, FeatureTable table, double[] rul,
                                              boolean[] use, List<String> columns) {
        Map<String, int[]> byAsset = table.rowsByAsset();
        List<ChannelStatistics> out = new ArrayList<>();
        for (String column : columns) {
            out.add(statistics(rule, column, table.column(column), table, rul, use, byAsset));
        }
        return new ChannelSelection(rule, out);
    }

    private static ChannelStatistics statistics(ChannelSelectionRule rule, String name, int col, FeatureTable table,
                                                double[] rul, boolean[] use, Map<String, int[]> byAsset) {
        long n = 0;
        double mean = 0;
        double m2 = 0;
        for (int i = 0; i < table.size(); i++) {
            double x = table.value(i, col);
            if (use[i] && !Double.isNaN(x)) {
                n++;
                double d = x - mean;
                mean += d / n;
                m2 += d * (x - mean);
            }
        }
        double std = n == 0 ? 0 : Math.sqrt(m2 / n);
        double sumAbs = 0;
        int assets = 0;
        for (int[] rows : byAsset.values()) {
            Correlation c = new Correlation();
            for (int i : rows) {
                double x = table.value(i, col);
                if (use[i] && !Double.isNaN(x) && !Double.isNaN(rul[i])) {
                    c.add(x, rul[i]);
                }
            }
            if (c.n > 1) {
                sumAbs += Math.abs(c.r());
                assets++;
            }
        }
        double meanAbs = assets == 0 ? 0 : sumAbs / assets;
        boolean kept = n > 0 && std >= rule.minStd() && meanAbs >= rule.minAbsCorrelation();
        return new ChannelStatistics(name, mean, std, meanAbs, kept);
    }

    /** Pearson correlation by Welford updates; 0 when either variable is constant. */
    private static final class Correlation {
        long n;
        double mx;
        double my;
        double sxx;
        double syy;
        double sxy;

        void add(double x, double y) {
            n++;
            double dx = x - mx;
            double dy = y - my;
            mx += dx / n;
            my += dy / n;
            sxx += dx * (x - mx);
            syy += dy * (y - my);
            sxy += dx * (y - my);
        }

        double r() {
            return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
        }
    }

    /** The kept channels, in order. */
    public List<String> kept() {
        return channels.stream().filter(ChannelStatistics::kept).map(ChannelStatistics::channel).toList();
    }

    /** The dropped channels, in order. */
    public List<String> dropped() {
        return channels.stream().filter(c -> !c.kept()).map(ChannelStatistics::channel).toList();
    }
}
