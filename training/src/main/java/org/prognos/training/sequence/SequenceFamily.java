package org.prognos.training.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prognos.features.InvalidSpecException;
import org.prognos.training.config.ModelFamily;

/**
 * The sequence-model families a training job config can name ({@code model.family: cnn} or {@code lstm}) and the
 * hyperparameters it accepts under {@code model.params}, over the defaults of the documented C-MAPSS figures
 * ({@link SequenceSettings#cnn}, {@link SequenceSettings#lstm}). The job's {@code seed} seeds the networks and the
 * folds; its {@code split.validationFraction} sets the share of training assets each network stops early on.
 *
 * <p>Accepted parameters: the architecture's ({@code layers, filters, kernel, denseUnits, dropout} for {@code cnn};
 * {@code layers, units, denseUnits, dropout} for {@code lstm}), the training's ({@code learningRate,
 * learningRateDecay, l2, batchSize, maxEpochs, patience, members}), the channel rule's ({@code minAbsCorrelation})
 * and {@code scalars}, a list of the spec's other columns fed as constant channels (e.g. {@code [elapsed]}). Anything
 * else is an error naming the field and the accepted names.
 */
public final class SequenceFamily {
    private static final String SCALARS = "scalars";

    private SequenceFamily() {
    }

    /**
     * The settings of {@code family} with {@code params} over its defaults.
     *
     * @throws InvalidSpecException naming {@code model.params.<name>} for an unknown or ill-typed parameter, or the
     *                              value a setting refuses
     */
    public static SequenceSettings settings(ModelFamily family, Map<String, JsonNode> params, double validationFraction,
                                            long seed) {
        if (!family.isSequence()) {
            throw new InvalidSpecException("'model.family' " + family + " is not a sequence model; expected "
                    + ModelFamily.CNN + " or " + ModelFamily.LSTM);
        }
        SequenceSettings defaults = family == ModelFamily.CNN ? SequenceSettings.cnn(seed) : SequenceSettings.lstm(seed);
        Map<String, Number> values = new LinkedHashMap<>();
        if (defaults.architecture() instanceof CnnArchitecture c) {
            values.put("layers", c.layers());
            values.put("filters", c.filters());
            values.put("kernel", c.kernel());
            values.put("denseUnits", c.denseUnits());
            values.put("dropout", c.dropout());
        } else {
            LstmArchitecture l = (LstmArchitecture) defaults.architecture();
            values.put("layers", l.layers());
            values.put("units", l.units());
            values.put("denseUnits", l.denseUnits());
            values.put("dropout", l.dropout());
        }
        TrainingSettings t = defaults.training();
        values.put("learningRate", t.learningRate());
        values.put("learningRateDecay", t.learningRateDecay());
        values.put("l2", t.l2());
        values.put("batchSize", t.batchSize());
        values.put("maxEpochs", t.maxEpochs());
        values.put("patience", t.patience());
        values.put("members", t.members());
        values.put("minAbsCorrelation", defaults.channels().minAbsCorrelation());
        List<String> scalars = List.of();
        for (Map.Entry<String, JsonNode> e : params.entrySet()) {
            if (e.getKey().equals(SCALARS)) {
                scalars = scalars(e.getValue());
                continue;
            }
            Number old = values.get(e.getKey());
            if (old == null) {
                throw new InvalidSpecException("at 'model.params." + e.getKey() + "': unknown hyperparameter of " + family
                        + "; expected one of " + values.keySet() + " or " + SCALARS);
            }
            JsonNode v = e.getValue();
            if (old instanceof Integer) {
                if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToInt()) {
                    throw new InvalidSpecException("at 'model.params." + e.getKey() + "': expected a whole number, found " + v);
                }
                values.put(e.getKey(), v.asInt());
            } else {
                if (v == null || !v.isNumber()) {
                    throw new InvalidSpecException("at 'model.params." + e.getKey() + "': expected a number, found " + v);
                }
                values.put(e.getKey(), v.asDouble());
            }
        }
        try {
            SequenceArchitecture arch = family == ModelFamily.CNN
                    ? new CnnArchitecture(i(values, "layers"), i(values, "filters"), i(values, "kernel"),
                            i(values, "denseUnits"), d(values, "dropout"))
                    : new LstmArchitecture(i(values, "layers"), i(values, "units"), i(values, "denseUnits"),
                            d(values, "dropout"));
            TrainingSettings training = new TrainingSettings(d(values, "learningRate"), d(values, "learningRateDecay"),
                    d(values, "l2"), i(values, "batchSize"), i(values, "maxEpochs"), i(values, "patience"),
                    validationFraction, i(values, "members"), seed);
            ChannelSelectionRule rule = new ChannelSelectionRule(defaults.channels().minStd(),
                    d(values, "minAbsCorrelation"));
            return new SequenceSettings(arch, training, rule, scalars);
        } catch (InvalidSpecException e) {
            throw new InvalidSpecException("at 'model.params' of " + family + ": " + e.getMessage(), e);
        }
    }

    private static List<String> scalars(JsonNode v) {
        boolean names = v != null && v.isArray();
        List<String> out = new ArrayList<>();
        for (int k = 0; names && k < v.size(); k++) {
            names = v.get(k).isTextual();
            out.add(v.get(k).asText());
        }
        if (!names) {
            throw new InvalidSpecException("at 'model.params." + SCALARS + "': expected a list of column names, found " + v);
        }
        return out;
    }

    private static int i(Map<String, Number> values, String name) {
        return values.get(name).intValue();
    }

    private static double d(Map<String, Number> values, String name) {
        return values.get(name).doubleValue();
    }
}
