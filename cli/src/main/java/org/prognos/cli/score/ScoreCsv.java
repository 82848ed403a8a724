package org.prognos.cli.score;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.prognos.models.batch.ScoredRow;

/**
 * Scored rows as CSV: {@code asset,time}, the model's numbers ({@link org.prognos.models.batch.DatasetScorer#numericColumns()}),
 * {@code band,alarm}, then {@code feature_i,contribution_i} for each explained feature. gzip-compressed when the
 * name ends in {@code .gz}. Numbers are written with Java's shortest round-trip representation, so reading them
 * back gives the scorer's doubles exactly.
 */
public final class ScoreCsv implements Closeable {
    private final CsvWriter csv;
    private final int drivers;
    private final List<String> cells = new ArrayList<>();

    /**
     * @param numericColumns the names of each row's numbers
     * @param drivers        explained features per row (0: none)
     */
    public ScoreCsv(Path file, List<String> numericColumns, int drivers) throws IOException {
        OutputStream os = Files.newOutputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            os = new GZIPOutputStream(os, 1 << 16);
        }
        this.csv = CsvWriter.builder().build(new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16));
        this.drivers = drivers;
        List<String> header = new ArrayList<>(List.of("asset", "time"));
        header.addAll(numericColumns);
        header.addAll(List.of("band", "alarm"));
        for (int i = 1; i <= drivers; i++) {
            header.add("feature_" + i);
            header.add("contribution_" + i);
        }
        csv.writeRecord(header);
    }

    /** Appends one row. */
    public void write(ScoredRow r) {
        cells.clear();
        cells.add(r.asset());
        cells.add(r.time());
        int n = r.count();
        for (int i = 0; i < n; i++) {
            double v = r.number(i);
            cells.add(Double.isNaN(v) ? "" : Double.toString(v));
        }
        cells.add(r.band());
        cells.add(Boolean.toString(r.alarm()));
        for (int i = 0; i < drivers; i++) {
            boolean has = i < r.drivers().size();
            cells.add(has ? r.drivers().get(i).feature() : "");
            cells.add(has ? Double.toString(r.drivers().get(i).contribution()) : "");
        }
        csv.writeRecord(cells);
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
