package org.prognos.training.sequence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.io.Cmapss;
import org.prognos.features.labels.RemainingUsefulLife;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.SpecJson;

/**
 * A C-MAPSS subset turned into sequence rows: the spec fitted on training telemetry only, the training rows with
 * capped labels, the test rows and the true test RUL.
 *
 * @param subset      e.g. FD001
 * @param spec        the fitted sequence spec
 * @param labeler     the label (RUL capped at 125 cycles)
 * @param training    training rows and labels
 * @param test        test rows
 * @param testRul     true RUL of each test unit at its last cycle
 * @param fingerprint SHA-256 of the training file
 * @param seconds     time to read, fit the spec and extract both tables
 */
record CmapssData(String subset, FeatureSpec spec, RemainingUsefulLife labeler, RulExamples training, FeatureTable test,
                  List<Integer> testRul, String fingerprint, double seconds) {
    /** The bundled data, from the repository root (the benchmark) or a module directory (tests). */
    static final Path ROOT = Files.isDirectory(Path.of("notebooks-data")) ? Path.of("notebooks-data")
            : Path.of("../notebooks-data");
    static final Path DATA = ROOT.resolve("cmapss");
    static final Path SPEC = ROOT.resolve("specs/cmapss-sequence30.json");
    static final long CAP = 125;

    static CmapssData load(String subset, int threads) throws IOException {
        return load(subset, threads, SPEC);
    }

    /** {@code subset} with another sequence spec (e.g. a longer window). */
    static CmapssData load(String subset, int threads, Path specFile) throws IOException {
        long start = System.nanoTime();
        Cmapss c = Cmapss.load(DATA, subset);
        FeatureSpec spec = SpecJson.read(specFile).fit(c.train().telemetry());
        FeatureExtractor ex = new FeatureExtractor(spec);
        FeatureTable train = new FeatureTable(ex.columns());
        BatchExtractor.Summary summary = new BatchExtractor(ex, threads, n -> { }).run(c.train(), train);
        train = train.sorted();
        FeatureTable test = new FeatureTable(ex.columns());
        new BatchExtractor(ex, threads, n -> { }).run(c.test(), test);
        test = test.sorted();
        RemainingUsefulLife labeler = RemainingUsefulLife.cappedCycles(CAP);
        RulExamples examples = RulExamples.label(train, labeler, c.train().events(), summary.lastReadingTimes());
        return new CmapssData(c.subset(), spec, labeler, examples, test, c.testRul(),
                fingerprint(DATA.resolve("train_" + c.subset() + ".txt.gz")), (System.nanoTime() - start) / 1e9);
    }

    private static String fingerprint(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return "sha256:" + HexFormat.of().formatHex(d.digest(in.readAllBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
