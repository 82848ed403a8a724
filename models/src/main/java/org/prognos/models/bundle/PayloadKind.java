package org.prognos.models.bundle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;
import org.prognos.models.BundleFormatException;

/**
 * What a bundle's payload is, which decides the adapter that loads it. Deliberately an open set (a record,
 * not an enum): a new model library adds a kind and registers a factory with
 * {@code org.prognos.models.predict.Predictors#with}, without touching the bundle format.
 *
 * @param id lower-case identifier written into the manifest, e.g. {@code tribuo-protobuf}
 */
public record PayloadKind(String id) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    /** A Tribuo model in Tribuo's protobuf format ({@code Model.serializeToFile}); never Java serialization. */
    public static final PayloadKind TRIBUO_PROTOBUF = new PayloadKind("tribuo-protobuf");
    /** A baseline (class prior, constant or linear-degradation RUL) stored as JSON. */
    public static final PayloadKind BASELINE_JSON = new PayloadKind("baseline-json");
    /**
     * DL4J sequence networks ({@code ModelSerializer} zips without updater) plus {@code sequence-model.json}; served by
     * {@code org.prognos.models.dl4j.Dl4jPredictor}.
     */
    public static final PayloadKind DL4J_ZIP = new PayloadKind("dl4j-zip");
    /**
     * An anomaly model (standardization, detector, score calibration) stored as JSON; served by
     * {@code org.prognos.models.anomaly.AnomalyPredictor}.
     */
    public static final PayloadKind ANOMALY_JSON = new PayloadKind("anomaly-json");

    @JsonCreator
    public PayloadKind {
        if (id == null || !ID.matcher(id).matches()) {
            throw new BundleFormatException("payload kind '" + id + "' is not a lower-case identifier such as 'tribuo-protobuf'");
        }
    }

    @JsonValue
    @Override
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
