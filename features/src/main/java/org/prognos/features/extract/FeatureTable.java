package org.prognos.features.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Feature rows in memory, the form training uses: row i is ({@link #asset(int)}, {@link #time(int)},
 * {@link #row(int)}). As a {@link RowSink} it collects rows from any number of threads; {@link #sorted()}
 * orders them by asset (numerically when ids are numbers) then time, so the result does not depend on
 * thread scheduling.
 */
public final class FeatureTable implements RowSink {
    private final List<String> columns;
    private final int width;
    private String[] assets = new String[1024];
    private long[] times = new long[1024];
    private double[] values;
    private int size;

    public FeatureTable(List<String> columns) {
        this.columns = List.copyOf(columns);
        this.width = columns.size();
        this.values = new double[1024 * width];
    }

    @Override
    public synchronized void row(String asset, long time, double[] v) {
        if (size == times.length) {
            int cap = size * 2;
            assets = Arrays.copyOf(assets, cap);
            times = Arrays.copyOf(times, cap);
            values = Arrays.copyOf(values, cap * width);
        }
        assets[size] = asset;
        times[size] = time;
        System.arraycopy(v, 0, values, size * width, width);
        size++;
    }

    public List<String> columns() {
        return columns;
    }

    public int size() {
        return size;
    }

    public String asset(int i) {
        Objects.checkIndex(i, size);
        return assets[i];
    }

    public long time(int i) {
        Objects.checkIndex(i, size);
        return times[i];
    }

    /** A copy of row {@code i}'s feature values. */
    public double[] row(int i) {
        Objects.checkIndex(i, size);
        return Arrays.copyOfRange(values, i * width, (i + 1) * width);
    }

    /** Value of column {@code c} in row {@code i}. */
    public double value(int i, int c) {
        Objects.checkIndex(i, size);
        return values[i * width + c];
    }

    /** Index of a column by name, -1 when absent. */
    public int column(String name) {
        return columns.indexOf(name);
    }

    /** Row indices of each asset, in time order, assets in {@link #assetOrder()}. */
    public Map<String, int[]> rowsByAsset() {
        Map<String, List<Integer>> m = new HashMap<>();
        for (int i = 0; i < size; i++) {
            m.computeIfAbsent(assets[i], k -> new ArrayList<>()).add(i);
        }
        Map<String, int[]> out = new LinkedHashMap<>();
        for (String a : assetOrder()) {
            out.put(a, m.get(a).stream().sorted(Comparator.comparingLong(i -> times[i])).mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    /** Distinct assets, numeric ids in numeric order, then the rest alphabetically. */
    public List<String> assetOrder() {
        return Arrays.stream(assets, 0, size).distinct().sorted(ASSET_ORDER).toList();
    }

    /** A copy ordered by asset then time. */
    public FeatureTable sorted() {
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.<Integer, String>comparing(i -> assets[i], ASSET_ORDER).thenComparingLong(i -> times[i]));
        FeatureTable t = new FeatureTable(columns);
        double[] row = new double[width];
        for (int i : idx) {
            System.arraycopy(values, i * width, row, 0, width);
            t.row(assets[i], times[i], row);
        }
        return t;
    }

    /** Compares asset ids numerically when both are integers, else as text. */
    public static final Comparator<String> ASSET_ORDER = (a, b) -> {
        boolean na = isInteger(a);
        boolean nb = isInteger(b);
        if (na && nb) {
            int c = Integer.compare(a.length(), b.length());
            return c != 0 ? c : a.compareTo(b);
        }
        if (na != nb) {
            return na ? -1 : 1;
        }
        return a.compareTo(b);
    };

    private static boolean isInteger(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return s.charAt(0) != '0' || s.length() == 1;
    }
}
