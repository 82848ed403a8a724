package org.prognos.models.anomaly.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ContextMemory}'s columns against {@link BoxedContextMemory}, the first port's objects and maps, call for call
 * on real NAB streams: both are driven as {@link ContextDetector} drives its memory (the facts of 3 bits of the value
 * on the range of the first 750 values, clipped; the 15 most active contexts as facts of the next left side), and
 * every answer (new contexts, active contexts in order with their counts and hashes, candidates with their facts in
 * order, sizes) must be equal. The detector's scores against the Python original: {@link ContextDetectorTest}.
 */
class ContextMemoryEqualsBoxedTest {
    private static final long NEURON_FACT = 1L << 31;
    private static final int MAX_ACTIVE = 15;

    @ParameterizedTest
    @CsvSource({"realKnownCause/nyc_taxi.csv, 2000", "realKnownCause/machine_temperature_system_failure.csv, 3000",
        "artificialNoAnomaly/art_noisy.csv, 1000", "realTweets/Twitter_volume_AAPL.csv, 3000"})
    void every_answer_equals_the_boxed_memorys(String file, int rows) throws IOException {
        double[] values = firstValues(file, rows);
        ContextRange range = ContextRange.fit(java.util.Arrays.copyOf(values, 750));
        double step = (range.max() - range.min()) / 7.0;
        ContextMemory compact = new ContextMemory(7);
        BoxedContextMemory boxed = new BoxedContextMemory(7);
        List<Long> leftFacts = List.of();
        int actives = 0;
        int candidates = 0;
        for (int t = 0; t < values.length; t++) {
            List<Long> current = facts((long) ((range.clip(values[t]) - range.min()) / step));
            boolean newContext = false;
            if (!leftFacts.isEmpty()) {
                ContextMemory.Candidate zero = new ContextMemory.Candidate(leftFacts, current);
                newContext = compact.addZeroLevel(zero);
                assertEquals(boxed.addZeroLevel(zero), newContext, "new zero-level context at row " + t);
            }
            ContextMemory.Crossing crossing = compact.crossRight(current, newContext);
            assertEquals(boxed.crossRight(current, newContext), crossing, "crossing at row " + t);
            actives += crossing.active().size();
            candidates += crossing.candidates().size();
            leftFacts = nextLeft(current, crossing.active());
            int added = compact.crossLeft(leftFacts, crossing.candidates());
            assertEquals(boxed.crossLeft(leftFacts, crossing.candidates()), added, "contexts added at row " + t);
            assertEquals(boxed.contexts(), compact.contexts(), "contexts at row " + t);
            assertEquals(boxed.semiContexts(), compact.semiContexts(), "semi-contexts at row " + t);
        }
        assertTrue(actives > 0 && candidates > 0, "the stream must activate contexts and propose new ones");
    }

    /** The facts of a bin of 3 bits: 2k + bit k. */
    private static List<Long> facts(long bin) {
        List<Long> facts = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            facts.add(2L * k + ((bin >> k) & 1));
        }
        return facts;
    }

    /** The current facts and the most active contexts, as {@link ContextDetector} makes its next left side. */
    private static List<Long> nextLeft(List<Long> current, List<ContextMemory.Active> active) {
        List<ContextMemory.Active> sorted = new ArrayList<>(active);
        sorted.sort(Comparator.comparingInt(ContextMemory.Active::count)
                .thenComparingLong(ContextMemory.Active::leftHash).thenComparingLong(ContextMemory.Active::rightHash));
        TreeSet<Long> left = new TreeSet<>(current);
        for (ContextMemory.Active a : sorted.subList(Math.max(0, sorted.size() - MAX_ACTIVE), sorted.size())) {
            left.add(NEURON_FACT + a.id());
        }
        return List.copyOf(left);
    }

    private static double[] firstValues(String file, int rows) throws IOException {
        List<String> lines = Files.readAllLines(ContextDetectorTest.DATA.resolve(file));
        double[] values = new double[Math.min(rows, lines.size() - 1)];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.parseDouble(lines.get(i + 1).split(",")[1]);
        }
        return values;
    }
}
