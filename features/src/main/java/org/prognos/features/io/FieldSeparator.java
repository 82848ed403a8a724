package org.prognos.features.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The field separator a CSV file uses, read from its header: the first line that is neither blank nor a {@code #}
 * comment. Of comma, semicolon, tab and vertical bar, the one that occurs most often outside double quotes wins;
 * a header with none of them (a single column) or a tie with the comma reads as comma-separated.
 *
 * <p>Why guess rather than ask: exports from European spreadsheets, historians and many public benchmarks write
 * {@code ;} (decimal points stay points in the files we read), and a user handing Prognos such a file should not have
 * to write a descriptor for it. The header decides alone, since it holds names, never decimal commas.
 */
final class FieldSeparator {
    private static final char[] CANDIDATES = {',', ';', '\t', '|'};
    private static final int MAX_LINES_BEFORE_HEADER = 1_000;

    private FieldSeparator() {
    }

    /** The separator of {@code file}'s header (gzip and byte-order mark handled as everywhere). */
    static char of(Path file) throws IOException {
        try (BufferedReader in = new BufferedReader(TextInput.reader(file), TextInput.BUFFER)) {
            for (int i = 0; i < MAX_LINES_BEFORE_HEADER; i++) {
                String line = in.readLine();
                if (line == null) {
                    return ',';
                }
                if (!TextInput.skippable(line)) {
                    return inHeader(line);
                }
            }
            return ',';
        }
    }

    /** The candidate occurring most often outside quotes in {@code header}; comma when none does or on a tie. */
    static char inHeader(String header) {
        int[] counts = new int[CANDIDATES.length];
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                for (int k = 0; k < CANDIDATES.length; k++) {
                    if (c == CANDIDATES[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        int best = 0;
        for (int k = 1; k < CANDIDATES.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return CANDIDATES[best];
    }
}
