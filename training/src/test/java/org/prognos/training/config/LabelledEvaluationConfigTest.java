package org.prognos.training.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;

/** {@code evaluation} (labelled periods) and {@code split.learn} (a learning period per asset) as a job file writes them. */
class LabelledEvaluationConfigTest {
    @TempDir
    Path tmp;

    private TrainingConfig read(String yaml) throws IOException {
        Path p = tmp.resolve("job.yaml");
        Files.writeString(p, yaml);
        return ConfigReader.read(p);
    }

    private static String anomaly(String extra) {
        return """
                name: j
                data: {train: d}
                spec: s.json
                task: {type: anomaly}
                model: {family: knn}
                registry: r
                """ + extra;
    }

    private void assertRefused(String yaml, String message) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> read(yaml));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void evaluation_reads_a_periods_file_or_a_label_column() throws IOException {
        TrainingConfig f = read(anomaly("evaluation: {periods: incidents.csv}\n"));
        assertEquals(Optional.of(new EvaluationConfig.PeriodsFile("incidents.csv")), f.evaluation());
        TrainingConfig c = read(anomaly("evaluation: {labelColumn: anomaly}\n"));
        assertEquals(Optional.of(new EvaluationConfig.LabelColumn("anomaly")), c.evaluation());
        assertEquals(Optional.empty(), read(anomaly("")).evaluation());
    }

    @Test
    void evaluation_takes_exactly_one_source_and_only_in_an_anomaly_job() {
        assertRefused(anomaly("evaluation: {periods: a.csv, labelColumn: anomaly}\n"), "give exactly one");
        assertRefused(anomaly("evaluation: {}\n"), "give exactly one");
        assertRefused(anomaly("evaluation: {period: a.csv}\n"), "period");
        assertRefused(anomaly("").replace("type: anomaly", "type: remaining-useful-life").replace("knn", "xgboost")
                + "evaluation: {periods: a.csv}\n", "'evaluation' (labelled anomaly periods) is read by anomaly jobs only");
    }

    @Test
    void split_learn_reads_a_count_or_a_share_of_each_assets_readings() throws IOException {
        SplitConfig.LearnPeriod rows = assertInstanceOf(SplitConfig.LearnPeriod.class,
                read(anomaly("split: {method: time, learn: 400}\n")).split());
        assertEquals(new SplitConfig.Learn.Readings(400), rows.learn());
        assertEquals(400, rows.learn().of(10_000));
        assertEquals(SplitConfig.DEFAULT_VALIDATION_FRACTION, rows.validationFraction());
        SplitConfig.LearnPeriod share = assertInstanceOf(SplitConfig.LearnPeriod.class,
                read(anomaly("split: {method: time, learn: 15%, validationFraction: 0.25}\n")).split());
        assertEquals(new SplitConfig.Learn.Share(0.15), share.learn());
        assertEquals(150, share.learn().of(1000));
        assertEquals(2, share.learn().of(7), "rounded up");
        assertEquals("time", share.method());
    }

    @Test
    void split_learn_refuses_what_would_mix_it_with_another_split() {
        assertRefused(anomaly("split: {learn: 400}\n"), "'split.learn' is a time split of each asset: write 'split.method: time'");
        assertRefused(anomaly("split: {method: time, learn: 400, cutoff: '2014-01-01'}\n"), "it takes no 'split.cutoff'");
        assertRefused(anomaly("split: {method: time, learn: 15%, testAssets: [a]}\n"), "it takes no 'split.cutoff'");
        assertRefused(anomaly("split: {method: time, learn: 0.15}\n"), "found '0.15'");
        assertRefused(anomaly("split: {method: time, learn: 100%}\n"), "must be in (0 %, 100 %)");
        assertRefused(anomaly("split: {method: time, learn: 0}\n"), "at least 1 reading");
        assertRefused(anomaly("").replace("type: anomaly", "type: remaining-useful-life").replace("knn", "xgboost")
                + "split: {method: time, learn: 400}\n", "'split.learn' (a learning period per asset) is read by anomaly jobs only");
    }
}
