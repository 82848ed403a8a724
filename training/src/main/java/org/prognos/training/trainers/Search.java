package org.prognos.training.trainers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.prognos.training.config.TrainingConfig.SearchMethod;
import org.prognos.training.config.TrainingConfig;

/**
 * Hyperparameter search: grid (every combination, in order) or random (seeded draws without repetition),
 * each candidate scored by the caller (grouped cross-validation on training assets, lower is better), within
 * a wall-clock budget: no candidate starts after the budget is spent.
 */
public final class Search {
    private Search() {
    }

    /** One evaluated candidate. */
    public record Trial(Map<String, JsonNode> params, double score, double seconds) {
    }

    /** The outcome: every trial run, and the best (lowest score). */
    public record Outcome(List<Trial> trials, Trial best, boolean budgetExhausted) {
    }

    public static Outcome run(TrainingConfig.SearchConfig search, Map<String, JsonNode> base, long budgetNanos, long seed,
                              ToDoubleFunction<Map<String, JsonNode>> score) {
        List<Map<String, JsonNode>> candidates = candidates(search, base, seed);
        List<Trial> trials = new ArrayList<>();
        long start = System.nanoTime();
        boolean exhausted = false;
        for (Map<String, JsonNode> c : candidates) {
            if (!trials.isEmpty() && System.nanoTime() - start > budgetNanos) {
                exhausted = true;
                break;
            }
            long t = System.nanoTime();
            trials.add(new Trial(c, score.applyAsDouble(c), (System.nanoTime() - t) / 1e9));
        }
        Trial best = trials.stream().min(Comparator.comparingDouble(Trial::score)).orElseThrow();
        return new Outcome(List.copyOf(trials), best, exhausted);
    }

    static List<Map<String, JsonNode>> candidates(TrainingConfig.SearchConfig search, Map<String, JsonNode> base, long seed) {
        List<String> names = new ArrayList<>(search.space().keySet());
        Collections.sort(names);
        List<Map<String, JsonNode>> grid = new ArrayList<>();
        grid.add(new LinkedHashMap<>(base));
        for (String name : names) {
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> partial : grid) {
                for (JsonNode v : search.space().get(name)) {
                    Map<String, JsonNode> m = new LinkedHashMap<>(partial);
                    m.put(name, v);
                    next.add(m);
                }
            }
            grid = next;
        }
        if (search.method() == SearchMethod.GRID) {
            return grid;
        }
        Collections.shuffle(grid, new Random(seed));
        return grid.subList(0, Math.min(search.trials(), grid.size()));
    }
}
