package org.prognos.models.xgboost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Reads a booster's own JSON model ({@code Booster.toByteArray("json")}: exact float thresholds and leaf values) into
 * a {@link TreeEnsemble}. Only a plain {@code gbtree} with numeric splits and a known objective
 * ({@code multi:softprob}, {@code binary:logistic}, {@code reg:squarederror}) is read; anything else gives nothing,
 * and the model is then scored and occluded through the booster.
 */
final class BoosterJson {
    private BoosterJson() {
    }

    /**
     * The booster's trees, with booster column j read from our column {@code columnOf[j]} (-1: not one of ours); empty
     * when the model is not a plain gbtree with a known objective.
     */
    static Optional<TreeEnsemble> read(Booster booster, int[] columnOf) throws XGBoostError, IOException {
        JsonNode learner = new ObjectMapper().readTree(booster.toByteArray("json")).path("learner");
        JsonNode gb = learner.path("gradient_booster");
        if (!gb.path("name").asText().equals("gbtree")) {
            return Optional.empty();
        }
        TreeEnsemble.Objective objective;
        switch (learner.at("/objective/name").asText()) {
            case "multi:softprob":
                objective = TreeEnsemble.Objective.SOFTPROB;
                break;
            case "binary:logistic":
                objective = TreeEnsemble.Objective.LOGISTIC;
                break;
            case "reg:squarederror":
            case "reg:linear":
                objective = TreeEnsemble.Objective.IDENTITY;
                break;
            default:
                return Optional.empty();
        }
        int classes = Math.max(1, Integer.parseInt(learner.at("/learner_model_param/num_class").asText("0")));
        JsonNode trees = gb.at("/model/trees");
        JsonNode info = gb.at("/model/tree_info");
        int n = trees.size();
        int nodes = 0;
        for (JsonNode t : trees) {
            nodes += t.path("left_children").size();
        }
        int[] root = new int[n];
        int[] treeClass = new int[n];
        int[] packed = new int[4 * nodes];
        int at = 0;
        for (int t = 0; t < n; t++) {
            JsonNode tree = trees.get(t);
            if (tree.path("categories").size() > 0) {
                return Optional.empty();   // categorical splits: not this simple rule
            }
            root[t] = at;
            treeClass[t] = info.get(t).asInt();
            JsonNode l = tree.get("left_children");
            JsonNode r = tree.get("right_children");
            JsonNode s = tree.get("split_indices");
            JsonNode c = tree.get("split_conditions");
            JsonNode d = tree.get("default_left");
            int size = l.size();
            for (int i = 0; i < size; i++) {
                int node = at + i;
                int b = 4 * node;
                packed[b + 3] = Float.floatToRawIntBits((float) c.get(i).asDouble());
                if (l.get(i).asInt() < 0) {
                    packed[b] = -1;
                    packed[b + 1] = -1;
                } else {
                    packed[b] = at + l.get(i).asInt();
                    packed[b + 1] = at + r.get(i).asInt();
                    int j = s.get(i).asInt();
                    int column = j < columnOf.length ? columnOf[j] : -1;
                    packed[b + 2] = (column + 1) * 2 + (d.get(i).asInt() != 0 ? 1 : 0);
                }
            }
            at += size;
        }
        double baseScore = Double.parseDouble(learner.at("/learner_model_param/base_score").asText("0.5"));
        double baseMargin = objective == TreeEnsemble.Objective.LOGISTIC ? Math.log(baseScore / (1 - baseScore))
                : objective == TreeEnsemble.Objective.IDENTITY ? baseScore : 0;
        // XGBoost 1.6 starts every margin at base_score (as a margin: -log(1/p - 1) in float for the logistic loss)
        float start = objective == TreeEnsemble.Objective.LOGISTIC ? (float) -Math.log(1.0f / (float) baseScore - 1.0f)
                : (float) baseScore;
        return Optional.of(new TreeEnsemble(root, treeClass, packed, classes, objective, baseMargin, start));
    }
}
