package org.prognos.training.data;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Feature rows with their labels, the form trainers and metrics use: row i is asset {@code assets[i]} at
 * {@code times[i]}, features {@code x[i]} (indexed like {@code columns}), label {@code y[i]} (a class index,
 * or a real target). Rows whose label is censored are never here.
 */
public record LabeledRows(List<String> columns, String[] assets, long[] times, double[][] x, double[] y) {
    public LabeledRows {
        columns = List.copyOf(columns);
        Objects.requireNonNull(assets);
        if (assets.length != times.length || times.length != x.length || x.length != y.length) {
            throw new IllegalArgumentException("row arrays differ in length");
        }
    }

    public int size() {
        return y.length;
    }

    /** The rows for which {@code keep} holds, in order (arrays shared with this, rows not copied). */
    public LabeledRows filter(IntPredicate keep) {
        int[] idx = IntStream.range(0, size()).filter(keep).toArray();
        return new LabeledRows(columns, Arrays.stream(idx).mapToObj(i -> assets[i]).toArray(String[]::new),
                Arrays.stream(idx).mapToLong(i -> times[i]).toArray(),
                Arrays.stream(idx).mapToObj(i -> x[i]).toArray(double[][]::new),
                Arrays.stream(idx).mapToDouble(i -> y[i]).toArray());
    }

    /** The labels as class indices. */
    public int[] classes() {
        return Arrays.stream(y).mapToInt(v -> (int) v).toArray();
    }

    /** Distinct assets in row order. */
    public List<String> distinctAssets() {
        return Arrays.stream(assets).distinct().toList();
    }

    /** The last row of each asset (C-MAPSS test protocol: score each unit once, at its last cycle). */
    public LabeledRows lastPerAsset() {
        Map<String, Integer> last = new LinkedHashMap<>();
        for (int i = 0; i < size(); i++) {
            Integer j = last.get(assets[i]);
            if (j == null || times[i] > times[j]) {
                last.put(assets[i], i);
            }
        }
        Set<Integer> keep = new HashSet<>(last.values());
        return filter(keep::contains);
    }
}
