package org.prognos.features.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.stat.descriptive.moment.Kurtosis;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Skewness;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.prognos.features.spec.FeatureGroup;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.WindowConfig;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.window.Stat;

/**
 * A deliberately naive, independent implementation of the feature definitions, for tests: every row is
 * recomputed from the raw history with Commons Math, straight from the documented semantics. Cycle axis,
 * no normalization, no spectral features.
 */
final class ReferenceFeatures {
    private final FeatureSpec spec;
    private final long stride;
    private final int every;

    ReferenceFeatures(FeatureSpec spec) {
        this.spec = spec;
        this.stride = spec.emit().every() == null ? 0 : Long.parseLong(spec.emit().every());
        this.every = spec.emit().everySamples() == null ? 0 : spec.emit().everySamples();
    }

    /** Expected rows of one asset: row time → values. */
    Map<Long, double[]> rows(long[] times, double[][] values, List<Event> events, Map<String, String> attrs) {
        Map<Long, double[]> out = new TreeMap<>();
        if (every > 0) {
            for (int i = every - 1; i < times.length; i += every) {
                if (!spec.requireFullWindows() || covered(times, times[i], true)) {
                    out.put(times[i], row(times, values, events, attrs, times[i], true));
                }
            }
        } else {
            long lastItem = times.length == 0 ? Long.MIN_VALUE : times[times.length - 1];
            for (Event e : events) {
                lastItem = Math.max(lastItem, e.time());
            }
            for (long t : times) {
                long grid = Math.floorDiv(t, stride) * stride + stride;
                if (grid <= lastItem && !out.containsKey(grid)
                        && (!spec.requireFullWindows() || covered(times, grid, false))) {
                    out.put(grid, row(times, values, events, attrs, grid, false));
                }
            }
        }
        return out;
    }

    private boolean covered(long[] times, long r, boolean incl) {
        for (WindowConfig w : spec.windows().values()) {
            if (w.samples() != null) {
                long seen = java.util.Arrays.stream(times).filter(t -> incl ? t <= r : t < r).count();
                if (seen < w.samples()) {
                    return false;
                }
            } else {
                long d = Long.parseLong(w.span());
                long lowest = incl ? r + 1 - d : r - d;
                if (times[0] > lowest) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Indices of readings inside a window for a row at r. */
    private List<Integer> window(long[] times, String name, long r, boolean incl) {
        WindowConfig w = spec.windows().get(name);
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            if (incl ? times[i] <= r : times[i] < r) {
                idx.add(i);
            }
        }
        if (w.samples() != null) {
            return idx.subList(Math.max(0, idx.size() - w.samples()), idx.size());
        }
        long d = Long.parseLong(w.span());
        long lowest = incl ? r + 1 - d : r - d;
        return idx.stream().filter(i -> times[i] >= lowest).toList();
    }

    private double[] row(long[] times, double[][] values, List<Event> events, Map<String, String> attrs, long r, boolean incl) {
        List<Double> out = new ArrayList<>();
        List<String> ch = spec.channels();
        for (FeatureGroup g : spec.features()) {
            if (g instanceof FeatureGroup.WindowStats w) {
                for (String c : w.channels().isEmpty() ? ch : w.channels()) {
                    for (String s : w.stats()) {
                        out.add(stat(Stat.parse(s), times, values, ch.indexOf(c), window(times, w.window(), r, incl)));
                    }
                }
            } else if (g instanceof FeatureGroup.Diff d) {
                for (String c : d.channels().isEmpty() ? ch : d.channels()) {
                    int ci = ch.indexOf(c);
                    Stat s = Stat.parse(d.stat());
                    out.add(stat(s, times, values, ci, window(times, d.shortWindow(), r, incl))
                            - stat(s, times, values, ci, window(times, d.longWindow(), r, incl)));
                }
            } else if (g instanceof FeatureGroup.Ewma e) {
                for (String c : e.channels().isEmpty() ? ch : e.channels()) {
                    for (double a : e.alphas()) {
                        double v = Double.NaN;
                        for (int i = 0; i < times.length && (incl ? times[i] <= r : times[i] < r); i++) {
                            double x = values[i][ch.indexOf(c)];
                            if (!Double.isNaN(x)) {
                                v = Double.isNaN(v) ? x : a * x + (1 - a) * v;
                            }
                        }
                        out.add(v);
                    }
                }
            } else if (g instanceof FeatureGroup.EventCount ec) {
                long d = Long.parseLong(spec.windows().get(ec.window()).span());
                long lowest = incl ? r + 1 - d : r - d;
                for (String code : ec.codes()) {
                    out.add((double) events.stream().filter(e -> e.kind() == EventKind.valueOf(ec.kind().toUpperCase())
                            && e.code().equals(code) && e.time() >= lowest && (incl ? e.time() <= r : e.time() < r)).count());
                }
            } else if (g instanceof FeatureGroup.TimeSince ts) {
                double unit = Long.parseLong(ts.unit());
                for (String code : ts.codes()) {
                    long last = events.stream().filter(e -> e.kind() == EventKind.valueOf(ts.kind().toUpperCase())
                                    && (code.equals("*") || e.code().equals(code)) && (incl ? e.time() <= r : e.time() < r))
                            .mapToLong(Event::time).max().orElse(Long.MIN_VALUE);
                    out.add(last == Long.MIN_VALUE ? Double.NaN : (r - last) / unit);
                }
            } else if (g instanceof FeatureGroup.Elapsed el) {
                long first = times[0];
                out.add((r - first) / (double) Long.parseLong(el.unit()));
            } else if (g instanceof FeatureGroup.Sequence sq) {
                int len = spec.windows().get(sq.window()).samples();
                for (String c : sq.channels().isEmpty() ? ch : sq.channels()) {
                    int ci = ch.indexOf(c);
                    List<Integer> idx = window(times, sq.window(), r, incl);
                    double[] seq = new double[len];
                    java.util.Arrays.fill(seq, Double.NaN);
                    for (int k = 0; k < idx.size(); k++) {
                        seq[len - idx.size() + k] = values[idx.get(k)][ci];
                    }
                    double firstFinite = java.util.Arrays.stream(seq).filter(v -> !Double.isNaN(v)).findFirst().orElse(Double.NaN);
                    double prev = firstFinite;
                    for (int k = 0; k < len; k++) {
                        if (Double.isNaN(seq[k])) {
                            seq[k] = prev;
                        } else {
                            prev = seq[k];
                        }
                    }
                    for (double v : seq) {
                        out.add(v);
                    }
                }
            } else if (g instanceof FeatureGroup.Attribute a) {
                String v = attrs.get(a.name());
                if (a.levels().isEmpty()) {
                    out.add(v == null ? Double.NaN : Double.parseDouble(v));
                } else {
                    for (String level : a.levels()) {
                        out.add(level.equals(v) ? 1.0 : 0.0);
                    }
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double stat(Stat s, long[] times, double[][] values, int c, List<Integer> idx) {
        List<Integer> fin = idx.stream().filter(i -> !Double.isNaN(values[i][c])).toList();
        double[] x = fin.stream().mapToDouble(i -> values[i][c]).toArray();
        int n = x.length;
        if (s == Stat.COUNT) {
            return n;
        }
        if (n == 0) {
            return Double.NaN;
        }
        double min = java.util.Arrays.stream(x).min().getAsDouble();
        double max = java.util.Arrays.stream(x).max().getAsDouble();
        double rms = Math.sqrt(java.util.Arrays.stream(x).map(v -> v * v).sum() / n);
        return switch (s) {
            case LAST -> x[n - 1];
            case MEAN -> new Mean().evaluate(x);
            case STD -> n < 2 ? Double.NaN : new StandardDeviation().evaluate(x);
            case MIN -> min;
            case MAX -> max;
            case RANGE -> max - min;
            case RMS -> rms;
            case CREST -> rms > 0 ? Math.max(Math.abs(min), Math.abs(max)) / rms : Double.NaN;
            // Constant signal: 0 by convention (Commons Math's incremental getResult; its evaluate gives 0/0).
            case SKEWNESS -> n < 3 ? Double.NaN : min == max ? 0 : new Skewness().evaluate(x);
            case KURTOSIS -> n < 4 ? Double.NaN : min == max ? 0 : new Kurtosis().evaluate(x);
            case SLOPE -> {
                if (n < 2) {
                    yield Double.NaN;
                }
                SimpleRegression reg = new SimpleRegression();
                for (int i : fin) {
                    reg.addData(times[i], values[i][c]);
                }
                yield reg.getSlope();
            }
            case COUNT -> n;
        };
    }
}
