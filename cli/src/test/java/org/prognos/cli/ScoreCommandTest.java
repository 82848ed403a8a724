package org.prognos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.cli.score.ScoreFixtures;
import org.prognos.features.telemetry.TimeAxis;

/** {@code prognos score}: which rows each option picks, the file's shape, and errors that name the option. */
class ScoreCommandTest {
    static final TimeAxis UTC = TimeAxis.Timestamps.utc();
    static final long DAY = 24 * TimeAxis.Timestamps.MICROS_PER_HOUR;
    static final long SIX_HOURS = 6 * TimeAxis.Timestamps.MICROS_PER_HOUR;

    @TempDir
    Path tmp;

    private CliRun score(String... options) {
        List<String> args = new ArrayList<>(List.of("score", "--registry", ScoreFixtures.registry().toString(), "--model",
                ScoreFixtures.FLEET, "--data", ScoreFixtures.fleet().toString()));
        args.addAll(List.of(options));
        return CliRun.run(args.toArray(String[]::new));
    }

    private static List<String[]> rows(Path csv) throws Exception {
        List<String> lines = csv.toString().endsWith(".gz")
                ? List.of(new String(new GZIPInputStream(Files.newInputStream(csv)).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n"))
                : Files.readAllLines(csv);
        return lines.stream().skip(1).map(l -> l.split(",", -1)).toList();
    }

    @Test
    void by_default_every_row_the_spec_emits_is_scored_and_the_header_names_the_models_outputs() throws Exception {
        Path out = tmp.resolve("all.csv.gz");
        CliRun r = score("--assets", "asset-0001,asset-0002", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String header = new String(new GZIPInputStream(Files.newInputStream(out)).readAllBytes()).lines().findFirst().orElseThrow();
        assertEquals("asset,time,risk,health_index,failure_any,p_failure,band,alarm", header);
        List<String[]> rows = rows(out);
        assertTrue(r.out().startsWith("scored " + rows.size() + " rows of 2 assets with fleet-7d:1 in "), r.out());
        assertTrue(r.out().contains(" rows/s"), r.out());
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i)[0].equals(rows.get(i - 1)[0])) {   // the spec's 6 h grid, each asset in time order
                assertEquals(SIX_HOURS, UTC.parse(rows.get(i)[1]) - UTC.parse(rows.get(i - 1)[1]));
            }
        }
        assertTrue(rows.size() > 400, "two assets of 1,500 hours on a 6 h grid: " + rows.size());
    }

    @Test
    void every_puts_each_asset_on_a_daily_grid_from_just_after_its_first_reading_to_just_after_its_last() throws Exception {
        Path out = tmp.resolve("daily.csv");
        assertEquals(0, score("--assets", "asset-0007", "--every", "24h", "--out", out.toString()).code());
        Path all = tmp.resolve("last.csv");
        assertEquals(0, score("--assets", "asset-0007", "--last", "--out", all.toString()).code());
        List<String[]> rows = rows(out);
        long first = UTC.parse(rows.get(0)[1]);
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(first + i * DAY, UTC.parse(rows.get(i)[1]), "a row at every midnight, none skipped: the fleet has no gaps");
            assertTrue(rows.get(i)[1].endsWith(" 00:00:00"));
        }
        long justAfterLast = UTC.parse(rows(all).get(0)[1]);   // --last: just after the last reading, at whole seconds
        long end = UTC.parse(rows.get(rows.size() - 1)[1]);
        assertTrue(end >= justAfterLast && end - DAY < justAfterLast, "the last grid point is the first one after the last reading");
        assertTrue(rows.size() >= 1500 / 24 && rows.size() <= 1500 / 24 + 2, "about 1,500 hours of days: " + rows.size());
    }

    @Test
    void as_of_scores_each_asset_once_at_that_time_and_last_once_just_after_its_last_reading() throws Exception {
        Path asOf = tmp.resolve("as-of.csv");
        assertEquals(0, score("--assets", "asset-0010,asset-0011", "--as-of", "2024-02-01 12:00:00", "--out", asOf.toString()).code());
        List<String[]> rows = rows(asOf);
        assertEquals(List.of("asset-0010", "asset-0011"), rows.stream().map(r -> r[0]).toList());
        rows.forEach(r -> assertEquals("2024-02-01 12:00:00", r[1]));
        Path last = tmp.resolve("last.csv");
        assertEquals(0, score("--last", "--out", last.toString()).code());
        assertEquals(40, rows(last).size());
    }

    @Test
    void explain_adds_the_top_features_and_their_contributions() throws Exception {
        Path out = tmp.resolve("explained.csv");
        assertEquals(0, score("--assets", "asset-0004", "--last", "--explain", "2", "--out", out.toString()).code());
        String header = Files.readAllLines(out).get(0);
        assertTrue(header.endsWith(",band,alarm,feature_1,contribution_1,feature_2,contribution_2"), header);
        String[] row = rows(out).get(0);
        assertTrue(!row[row.length - 4].isEmpty() && Double.isFinite(Double.parseDouble(row[row.length - 1])));
    }

    @Test
    void a_rul_model_writes_its_conformal_interval_beside_the_estimate() throws Exception {
        Path out = tmp.resolve("rul.csv");
        CliRun r = CliRun.run("score", "--registry", ScoreFixtures.registry().toString(), "--model",
                ScoreFixtures.RUL, "--data", ScoreFixtures.notebooksData().resolve("cmapss").toString(), "--subset", "FD001:test",
                "--last", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("asset,time,risk,health_index,rul,rul_low,rul_high,band,alarm", Files.readAllLines(out).get(0));
        assertTrue(r.out().contains("rul_low..rul_high: 90 % binned conformal interval"), r.out());
        List<String[]> rows = rows(out);
        assertEquals(100, rows.size());
        for (String[] row : rows) {
            double rul = Double.parseDouble(row[4]);
            double low = Double.parseDouble(row[5]);
            double high = Double.parseDouble(row[6]);
            assertTrue(low >= 0 && low <= rul && rul <= high, String.join(",", row));
        }
    }

    @Test
    void errors_name_the_option_or_the_model() {
        String out = tmp.resolve("x.csv").toString();
        CliRun unknown = CliRun.run("score", "--registry", ScoreFixtures.registry().toString(), "--model", "nope",
                "--data", ScoreFixtures.fleet().toString(), "--out", out);
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("prognos score: no model 'nope' in registry "), unknown.err());

        CliRun duration = score("--every", "a fortnight", "--out", out);
        assertEquals(2, duration.code());
        assertTrue(duration.err().startsWith("prognos score: --every: expected a duration such as 3h"), duration.err());

        CliRun cycles = CliRun.run("score", "--registry", ScoreFixtures.registry().toString(), "--model",
                ScoreFixtures.RUL, "--data", ScoreFixtures.notebooksData().resolve("cmapss").toString(), "--subset", "FD001:test",
                "--every", "2h", "--out", out);
        assertEquals(2, cycles.code());
        assertTrue(cycles.err().startsWith("prognos score: --every: on a cycle axis a span is a whole number of cycles"), cycles.err());

        CliRun asOf = score("--as-of", "next tuesday", "--out", out);
        assertEquals(2, asOf.code());
        assertTrue(asOf.err().startsWith("prognos score: --as-of: "), asOf.err());

        CliRun before = score("--as-of", "2000-01-01 00:00:00", "--out", out);
        assertEquals(2, before.code());
        assertTrue(before.err().startsWith("prognos score: no row to score: ") && before.err().contains("--as-of"), before.err());

        CliRun asset = score("--assets", "asset-0002,asset-9999", "--last", "--out", out);
        assertEquals(2, asset.code());
        assertTrue(asset.err().contains("--assets: ") && asset.err().contains("[asset-9999]"), asset.err());

        CliRun two = score("--last", "--every", "24h", "--out", out);
        assertEquals(2, two.code());
        assertTrue(two.err().contains("--every") && two.err().contains("--last") && two.err().contains("mutually exclusive"), two.err());

        CliRun parquet = score("--last", "--out", tmp.resolve("x.parquet").toString());
        assertEquals(2, parquet.code());
        assertTrue(parquet.err().startsWith("prognos score: --out: write a .csv or .csv.gz file"), parquet.err());
    }
}
