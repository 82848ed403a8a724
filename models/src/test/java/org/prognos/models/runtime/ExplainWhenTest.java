package org.prognos.models.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.models.TestModels;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.answer.Explanation;
import org.prognos.models.runtime.answer.FeatureContribution;
import org.prognos.models.runtime.answer.GroupContribution;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * Explaining only what a plain answer picks ({@link Scorer#score(LoadedModel, List, int, Scorer.ExplainWhen)}, the
 * step the service's ingest and the Flink job share) gives the answers of scoring plainly and then explaining the
 * picked vectors on their own: the picked ones carry the one-pass explanation, every answer keeps its plain risk.
 * Real fixtures: the Azure forest and the pump booster (tree occlusion) and the Azure anomaly model (occluded copies
 * predicted in one call); the rows are synthetic moves around each model's references, as in {@link LoadedModelTest}.
 */
class ExplainWhenTest {
    /** The picked answers' contributions against one pass's: the same predictions, in batches of other sizes. */
    static final double CONTRIBUTION_TOLERANCE = 1e-9;
    static final int TOP = 3;

    @TempDir
    Path dir;

    @Test
    void picked_vectors_carry_the_one_pass_explanation_and_every_answer_its_plain_risk() {
        ModelRegistry registry = TestModels.fullRegistry(dir);
        TestModels.publishAzureAnomaly(registry);
        int withTrees = 0;
        int withCopies = 0;
        for (String name : List.of(TestModels.AZURE, TestModels.PUMP, TestModels.AZURE_ANOMALY)) {
            try (LoadedModel m = LoadedModel.load(registry, name + "@production")) {
                List<FeatureVector> vectors = vectors(m, 12);
                List<ScoreResponse> plain = Scorer.score(m, vectors, 0);
                List<Integer> asked = new ArrayList<>();
                List<ScoreResponse> answers = Scorer.score(m, vectors, TOP, (i, answer) -> {
                    asked.add(i);
                    assertEquals(plain.get(i), answer, name + ": the plain answer of vector " + i);
                    return i % 3 == 0;
                });
                assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), asked, name + ": every vector, in order");
                for (int i = 0; i < vectors.size(); i++) {
                    ScoreResponse a = answers.get(i);
                    assertEquals(plain.get(i).risk(), a.risk(), name + " " + i + ": the risk the pick was made on");
                    if (i % 3 != 0) {
                        assertEquals(plain.get(i), a, name + " " + i + ": not picked, not explained");
                    } else {
                        assertSameExplanation(Scorer.score(m, List.of(vectors.get(i)), TOP).get(0).explanation().orElseThrow(),
                                a.explanation().orElseThrow(), name + " " + i);
                    }
                }
                if (m.occluder().isPresent()) {
                    withTrees++;
                } else {
                    withCopies++;
                }
            }
        }
        assertTrue(withTrees > 0 && withCopies > 0, "both ways of occluding: " + withTrees + " / " + withCopies);
    }

    @Test
    void no_explanation_when_no_features_are_asked_for_and_no_answer_for_no_vector() {
        ModelRegistry registry = TestModels.fullRegistry(dir);
        try (LoadedModel m = LoadedModel.load(registry, TestModels.AZURE + "@production")) {
            List<FeatureVector> vectors = vectors(m, 4);
            assertEquals(Scorer.score(m, vectors, 0), Scorer.score(m, vectors, 0, (i, answer) -> true));
            assertEquals(List.of(), Scorer.score(m, List.of(), TOP, (i, answer) -> true), "a step that emitted no row");
        }
    }

    /** Rows around the model's references (a random move on every column that has one). */
    private static List<FeatureVector> vectors(LoadedModel m, int n) {
        int k = m.extractor().columns().size();
        List<FeatureVector> vectors = new ArrayList<>();
        for (double[] row : TestModels.rows(n, k, 11)) {
            for (int c = 0; c < k; c++) {
                double ref = m.policy().reference(c);
                row[c] = Double.isNaN(ref) ? row[c] : ref + row[c];
            }
            vectors.add(new FeatureVector(Optional.of("a"), 0, row, 1, List.of()));
        }
        return vectors;
    }

    private static void assertSameExplanation(Explanation expected, Explanation actual, String what) {
        assertEquals(expected.method(), actual.method(), what);
        assertEquals(expected.references(), actual.references(), what);
        assertEquals(expected.topFeatures().stream().map(FeatureContribution::feature).toList(),
                actual.topFeatures().stream().map(FeatureContribution::feature).toList(), what + ": top features");
        for (int f = 0; f < expected.topFeatures().size(); f++) {
            FeatureContribution e = expected.topFeatures().get(f);
            FeatureContribution a = actual.topFeatures().get(f);
            assertEquals(e.value(), a.value(), what);
            assertEquals(e.reference(), a.reference(), what);
            assertEquals(e.contribution(), a.contribution(), CONTRIBUTION_TOLERANCE, what + " " + e.feature());
        }
        assertEquals(expected.groups().stream().map(GroupContribution::group).toList(),
                actual.groups().stream().map(GroupContribution::group).toList(), what + ": groups");
        for (int g = 0; g < expected.groups().size(); g++) {
            assertEquals(expected.groups().get(g).contribution(), actual.groups().get(g).contribution(),
                    CONTRIBUTION_TOLERANCE, what + " " + expected.groups().get(g).group());
        }
    }
}
