package org.prognos.features.io;

import java.util.Arrays;

/**
 * One CSV record, reused for every record of a file: the cells live in one growing {@code char[]}, so a
 * row costs no allocation until a cell is turned into a {@code String}.
 */
final class CsvRow {
    private char[] chars = new char[512];
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int size;
    private int used;
    private long line;

    void begin(long startingLine) {
        line = startingLine;
        size = 0;
        used = 0;
    }

    void add(char[] buf, int off, int len) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
        }
        if (used + len > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + len));
        }
        System.arraycopy(buf, off, chars, used, len);
        starts[size] = used;
        used += len;
        ends[size++] = used;
    }

    /** 1-based line on which the record starts. */
    long line() {
        return line;
    }

    int size() {
        return size;
    }

    String text(int i) {
        return new String(chars, starts[i], ends[i] - starts[i]);
    }

    /** The cell without surrounding whitespace. */
    String trimmed(int i) {
        return text(i).strip();
    }

    /** Whether cell {@code i} is exactly {@code s}, without allocating. */
    boolean is(int i, String s) {
        int len = ends[i] - starts[i];
        if (len != s.length()) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (chars[starts[i] + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Whether cell {@code i} spells a missing value: empty, {@code NaN}, {@code NA} or {@code null}. */
    boolean isMissing(int i) {
        int s = starts[i];
        int e = ends[i];
        while (s < e && chars[s] <= ' ') {
            s++;
        }
        while (e > s && chars[e - 1] <= ' ') {
            e--;
        }
        return Cells.isMissing(chars, s, e);
    }

    boolean isBlank(int i) {
        for (int k = starts[i]; k < ends[i]; k++) {
            if (chars[k] > ' ') {
                return false;
            }
        }
        return true;
    }
}
