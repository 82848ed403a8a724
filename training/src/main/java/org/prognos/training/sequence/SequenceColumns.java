package org.prognos.training.sequence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.prognos.features.InvalidSpecException;
import org.prognos.models.dl4j.SequenceInput;

/**
 * The sequences a feature table carries, found from its column names: the {@code sequence} feature group writes
 * {@code <channel>_seq_<i>} for i = 0 … W−1. Every channel must have the same W and every position.
 *
 * @param channels the channels with a sequence, in column order
 * @param window   W
 */
public record SequenceColumns(List<String> channels, int window) {
    private static final Pattern SEQ = Pattern.compile("(.+)_seq_(\\d+)");

    public SequenceColumns {
        channels = List.copyOf(channels);
        if (channels.isEmpty() || window < 1) {
            throw new InvalidSpecException("sequence columns need at least one channel and position");
        }
    }

    /**
     * The sequences among {@code columns}.
     *
     * @throws InvalidSpecException when there are none, or channels have different lengths or gaps
     */
    public static SequenceColumns of(List<String> columns) {
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        for (String c : columns) {
            Matcher m = SEQ.matcher(c);
            if (m.matches()) {
                positions.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Integer.parseInt(m.group(2)));
            }
        }
        if (positions.isEmpty()) {
            throw new InvalidSpecException("the feature rows have no sequence columns (<channel>_seq_<i>); a sequence"
                    + " model needs a spec with a 'sequence' feature group, e.g. notebooks-data/specs/cmapss-sequence30.json");
        }
        int window = -1;
        for (Map.Entry<String, List<Integer>> e : positions.entrySet()) {
            List<Integer> p = e.getValue();
            int n = p.size();
            if (window < 0) {
                window = n;
            }
            for (int t = 0; t < n; t++) {
                if (!columns.contains(SequenceInput.column(e.getKey(), t))) {
                    throw new InvalidSpecException("channel '" + e.getKey() + "' has " + n + " sequence columns but no '"
                            + SequenceInput.column(e.getKey(), t) + "'");
                }
            }
            if (n != window) {
                throw new InvalidSpecException("sequence channels have different lengths: '" + e.getKey() + "' has " + n
                        + " positions, others " + window);
            }
        }
        return new SequenceColumns(new ArrayList<>(positions.keySet()), window);
    }
}
