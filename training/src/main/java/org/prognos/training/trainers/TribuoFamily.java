package org.prognos.training.trainers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.prognos.features.InvalidSpecException;
import org.prognos.training.config.ModelFamily;

/**
 * The Tribuo model families a job can name, each with a hyperparameter record (defaults as a named factory;
 * written into the bundle's provenance).
 */
public sealed interface TribuoFamily permits TribuoFamily.Xgboost, TribuoFamily.Forest, TribuoFamily.Linear {
    ObjectMapper PARAMS = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** Gradient-boosted trees (XGBoost, hist method). */
    record Xgboost(int trees, double eta, int maxDepth, double minChildWeight, double subsample, double colsample,
                   double lambda, double gamma) implements TribuoFamily {
        public Xgboost {
            positive("trees", trees);
            positive("maxDepth", maxDepth);
            fraction("eta", eta);
            fraction("subsample", subsample);
            fraction("colsample", colsample);
        }

        public static Xgboost defaults() {
            return new Xgboost(300, 0.05, 6, 1, 0.8, 0.8, 1, 0);
        }
    }

    /** Random forest or extra trees (CART members, random split points for extra trees). */
    record Forest(int trees, int maxDepth, double featureFraction, boolean extraTrees) implements TribuoFamily {
        public Forest {
            positive("trees", trees);
            positive("maxDepth", maxDepth);
            fraction("featureFraction", featureFraction);
        }

        public static Forest randomForest() {
            return new Forest(200, 14, 0.33, false);
        }

        public static Forest extraTreesDefaults() {
            return new Forest(200, 14, 0.5, true);
        }
    }

    /** Logistic regression (classification) or linear regression, on standardized features (fitted on training rows). */
    record Linear(int epochs, double learningRate) implements TribuoFamily {
        public Linear {
            positive("epochs", epochs);
            if (!(learningRate > 0)) {
                throw new InvalidSpecException("'learningRate' must be positive, found " + learningRate);
            }
        }

        public static Linear defaults() {
            return new Linear(20, 0.1);
        }
    }

    /**
     * The family {@code name} with {@code params} over its defaults; an unknown parameter is an error naming it and
     * what was expected.
     *
     * @throws IllegalArgumentException for a sequence family ({@link ModelFamily#isSequence()}), which Tribuo does not train
     */
    static TribuoFamily of(ModelFamily name, Map<String, JsonNode> params) {
        TribuoFamily defaults = switch (name) {
            case XGBOOST -> Xgboost.defaults();
            case RANDOM_FOREST -> Forest.randomForest();
            case EXTRA_TREES -> Forest.extraTreesDefaults();
            case LOGISTIC, LINEAR -> Linear.defaults();
            case CNN, LSTM -> throw new IllegalArgumentException(name + " is a sequence family, not a Tribuo one");
            case PCA, KNN, ZSCORE, ISOLATION_FOREST, AUTOENCODER -> throw new InvalidSpecException("'model.family' " + name + " is an anomaly detector:"
                    + " it needs 'task.type: anomaly'");
        };
        if (params.isEmpty()) {
            return defaults;
        }
        ObjectNode tree = PARAMS.valueToTree(defaults);
        for (Map.Entry<String, JsonNode> e : params.entrySet()) {
            if (!tree.has(e.getKey())) {
                throw new InvalidSpecException("at 'model.params." + e.getKey() + "': unknown hyperparameter of " + name
                        + "; expected one of " + iterable(tree.fieldNames()));
            }
            tree.set(e.getKey(), e.getValue());
        }
        try {
            return PARAMS.treeToValue(tree, defaults.getClass());
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException("at 'model.params': " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new InvalidSpecException("at 'model.params': " + root.getMessage(), e);
        }
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    private static void positive(String field, int v) {
        if (v < 1) {
            throw new InvalidSpecException("'" + field + "' must be at least 1, found " + v);
        }
    }

    private static void fraction(String field, double v) {
        if (!(v > 0 && v <= 1)) {
            throw new InvalidSpecException("'" + field + "' must be in (0, 1], found " + v);
        }
    }
}
