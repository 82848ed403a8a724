package org.prognos.training.sequence;

import java.util.ArrayList;
import java.util.List;
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
     * @param channel     the channel name
     * @param mean        mean of its normalized current reading over the training rows
     * @param std         standard deviation (N) of that reading
     * @param correlation Pearson correlation of that reading with the remaining-life label ({@code NaN} when the
     *                    reading is constant)
     * @param kept        whether the rule keeps it
     */
    public record ChannelStatistics(String channel, double mean, double std, double correlation, boolean kept) {
    }

    /**
     * Applies {@code rule} to {@code candidates} over the rows of {@code table} where {@code use} is true.
     *
     * @param window the sequence length; the current reading of channel c is column {@code c_seq_<window-1>}
     * @param rul    the label of each table row ({@code NaN} = censored, skipped for the correlation)
     */
    public static ChannelSelection fit(ChannelSelectionRule rule, FeatureTable table, double[] rul, boolean[] use,
                                       List<String> candidates, int window) {
        List<ChannelStatistics> out = new ArrayList<>();
        for (String channel : candidates) {
            int col = table.column(SequenceInput.column(channel, window - 1));
            long n = 0;
            double mean = 0;
            double m2 = 0;
            long pairs = 0;
            double mx = 0;
            double my = 0;
            double sxx = 0;
            double syy = 0;
            double sxy = 0;
            for (int i = 0; i < table.size(); i++) {
                double x = table.value(i, col);
                if (!use[i] || Double.isNaN(x)) {
                    continue;
                }
                n++;
                double d = x - mean;
                mean += d / n;
                m2 += d * (x - mean);
                double y = rul[i];
                if (Double.isNaN(y)) {
                    continue;
                }
                pairs++;
                double dx = x - mx;
                double dy = y - my;
                mx += dx / pairs;
                my += dy / pairs;
                sxx += dx * (x - mx);
                syy += dy * (y - my);
                sxy += dx * (y - my);
            }
            double std = n == 0 ? 0 : Math.sqrt(m2 / n);
            double r = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
            boolean kept = n > 0 && std >= rule.minStd() && Math.abs(r) >= rule.minAbsCorrelation();
            out.add(new ChannelStatistics(channel, mean, std, r, kept));
        }
        return new ChannelSelection(rule, out);
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
