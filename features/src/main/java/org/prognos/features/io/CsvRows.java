package org.prognos.features.io;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.RecordWrapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * FastCSV callback that fills one reused {@link CsvRow}. Comment lines ({@code #}) and empty lines are
 * skipped; field counts are checked by the readers so the message can say what was expected. The field separator
 * is the one the file's header uses ({@link FieldSeparator}): comma, semicolon, tab or bar.
 */
final class CsvRows extends AbstractBaseCsvCallbackHandler<CsvRow> {
    private final CsvRow row = new CsvRow();

    private CsvRows() {
    }

    /** A reader over {@code file} (gzip and BOM handled); the same {@link CsvRow} comes back for every record. */
    static CsvReader<CsvRow> open(Path file) throws IOException {
        return CsvReader.builder()
                .fieldSeparator(FieldSeparator.of(file))
                .commentStrategy(CommentStrategy.SKIP)
                .commentCharacter('#')
                .skipEmptyLines(true)
                .ignoreDifferentFieldCount(true)
                .build(new CsvRows(), TextInput.reader(file));
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        row.begin(startingLineNumber);
    }

    @Override
    protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
        row.add(buf, offset, len);
    }

    @Override
    protected RecordWrapper<CsvRow> buildRecord() {
        return wrapRecord(row);
    }
}
