package org.prognos.training.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prognos.features.extract.FeatureTable;

/**
 * Training follows the seed: the same seed gives the same networks whether the ensemble trains on one thread or
 * two; another seed gives others. On 12 FD001 units and two epochs, to stay quick.
 */
class SequenceTrainerDeterminismTest {
    static final Set<String> UNITS = new HashSet<>(IntStream.rangeClosed(1, 12).mapToObj(Integer::toString).toList());
    static RulExamples small;
    static int[] probe;

    @BeforeAll
    static void data() throws Exception {
        RulExamples all = CmapssData.load("FD001", 2).training();
        FeatureTable t = all.table();
        FeatureTable sub = new FeatureTable(t.columns());
        double[] rul = new double[t.size()];
        int n = 0;
        for (int i = 0; i < t.size(); i++) {
            if (UNITS.contains(t.asset(i))) {
                sub.row(t.asset(i), t.time(i), t.row(i));
                rul[n++] = all.rul(i);
            }
        }
        small = new RulExamples(sub, Arrays.copyOf(rul, n), all.cap());
        probe = IntStream.range(0, sub.size()).filter(i -> i % 7 == 0).toArray();
    }

    static SequenceSettings settings(long seed) {
        return SequenceSettings.ciCnn(seed).with(TrainingSettings.ciSized(seed).withEpochs(2, 2).withMembers(2));
    }

    double[] trainAndPredict(long seed, int threads) {
        try (SequenceModel m = new SequenceTrainer(settings(seed), threads).fit(small, EpochListener.NONE)) {
            return m.predict(small.table(), probe);
        }
    }

    @Test
    void the_same_seed_gives_the_same_model_on_one_thread_or_two() {
        double[] one = trainAndPredict(5, 1);
        assertArrayEquals(one, trainAndPredict(5, 2), 0.0);
        double[] other = trainAndPredict(6, 2);
        assertTrue(!Arrays.equals(one, other), "another seed, another model");
    }

    @Test
    void each_network_validates_on_its_own_fold() {
        try (SequenceModel m = new SequenceTrainer(settings(5), 2).fit(small, EpochListener.NONE)) {
            List<SequenceModel.MemberSummary> members = m.members();
            assertEquals(2, members.size());
            assertTrue(!members.get(0).fold().validation().equals(members.get(1).fold().validation()));
            assertEquals(2, m.ensemble().size());
            assertTrue(m.describeSplit().contains("no test data"), m.describeSplit());
        }
    }

    @Test
    void a_rule_no_channel_passes_is_refused_naming_the_statistics() {
        SequenceSettings strict = new SequenceSettings(CnnArchitecture.small(), TrainingSettings.ciSized(1),
                new ChannelSelectionRule(1e-6, 0.99));
        SequenceTrainingException e = assertThrows(SequenceTrainingException.class,
                () -> new SequenceTrainer(strict).fit(small, EpochListener.NONE));
        assertTrue(e.getMessage().startsWith("no channel passes the selection rule"), e.getMessage());
    }
}
