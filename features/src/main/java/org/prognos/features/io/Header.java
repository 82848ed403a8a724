package org.prognos.features.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.prognos.features.InvalidTelemetryException;

/** The header line of a CSV file and look-ups in it that list the available columns when a name is wrong. */
final class Header {
    private final String source;
    private final long line;
    private final List<String> names;

    private Header(String source, long line, List<String> names) {
        this.source = source;
        this.line = line;
        this.names = names;
    }

    /** Reads the first record (after comments and empty lines) as the header. */
    static Header read(Iterator<CsvRow> rows, String source) {
        if (!rows.hasNext()) {
            throw new InvalidTelemetryException(source, 1, 0, "expected a header line, found an empty file");
        }
        CsvRow row = rows.next();
        List<String> names = new ArrayList<>(row.size());
        for (int i = 0; i < row.size(); i++) {
            names.add(row.trimmed(i));
        }
        return new Header(source, row.line(), Collections.unmodifiableList(names));
    }

    List<String> names() {
        return names;
    }

    int size() {
        return names.size();
    }

    String name(int i) {
        return names.get(i);
    }

    /** The 0-based index of {@code column}; {@code role} says what it was configured as ("asset", "channel"). */
    int index(String column, String role) {
        int i = names.indexOf(column);
        if (i < 0) {
            throw new InvalidTelemetryException(source, line, 0, "no " + role + " column '" + column
                    + "' in the header; available columns: " + String.join(", ", names));
        }
        return i;
    }

    /** Fails unless {@code row} has as many cells as the header. */
    void checkWidth(CsvRow row) {
        if (row.size() != names.size()) {
            throw new InvalidTelemetryException(source, row.line(), Math.min(row.size(), names.size()) + 1,
                    "expected " + names.size() + " columns as in the header, found " + row.size());
        }
    }
}
