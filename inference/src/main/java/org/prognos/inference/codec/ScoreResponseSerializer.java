package org.prognos.inference.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.prognos.models.runtime.answer.Explanation;
import org.prognos.models.runtime.answer.AnomalyOutlook;
import org.prognos.models.runtime.answer.FailureOutlook;
import org.prognos.models.runtime.answer.FeatureContribution;
import org.prognos.models.runtime.answer.GroupContribution;
import org.prognos.models.runtime.answer.RemainingLife;
import org.prognos.models.runtime.answer.RiskSummary;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * Writes a {@link ScoreResponse}, the answer of every scoring route, without Jackson's reflective bean walk (a
 * reflective call and a boxed value per property cost about half of writing an answer). The output is byte for
 * byte what the mapper's own serialization gives: the records' fields in declaration order, absent optionals and
 * nulls left out ({@code NON_ABSENT}); {@code ScoreResponseSerializerTest} holds it to that on every kind of answer.
 * A field added to one of these records must be added here too, and that test fails until it is.
 */
final class ScoreResponseSerializer extends StdSerializer<ScoreResponse> {
    private static final SerializedString MODEL = new SerializedString("model");
    private static final SerializedString NAME = new SerializedString("name");
    private static final SerializedString VERSION = new SerializedString("version");
    private static final SerializedString ASSET = new SerializedString("asset");
    private static final SerializedString SCORED_AT = new SerializedString("scoredAt");
    private static final SerializedString READINGS = new SerializedString("readings");
    private static final SerializedString FAILURE = new SerializedString("failure");
    private static final SerializedString HORIZON = new SerializedString("horizon");
    private static final SerializedString ANY = new SerializedString("any");
    private static final SerializedString BY_COMPONENT = new SerializedString("byComponent");
    private static final SerializedString REMAINING = new SerializedString("remainingUsefulLife");
    private static final SerializedString VALUE = new SerializedString("value");
    private static final SerializedString UNIT = new SerializedString("unit");
    private static final SerializedString REFERENCE_LIFE = new SerializedString("referenceLife");
    private static final SerializedString INTERVAL = new SerializedString("interval");
    private static final SerializedString LOW = new SerializedString("low");
    private static final SerializedString HIGH = new SerializedString("high");
    private static final SerializedString COVERAGE = new SerializedString("coverage");
    private static final SerializedString OPEN_ABOVE = new SerializedString("openAbove");
    private static final SerializedString HEALTH = new SerializedString("healthIndex");
    private static final SerializedString RISK = new SerializedString("risk");
    private static final SerializedString SCORE = new SerializedString("score");
    private static final SerializedString BAND = new SerializedString("band");
    private static final SerializedString THRESHOLD = new SerializedString("threshold");
    private static final SerializedString ALARM = new SerializedString("alarm");
    private static final SerializedString ACTION = new SerializedString("action");
    private static final SerializedString EXPLANATION = new SerializedString("explanation");
    private static final SerializedString METHOD = new SerializedString("method");
    private static final SerializedString REFERENCES = new SerializedString("references");
    private static final SerializedString TOP_FEATURES = new SerializedString("topFeatures");
    private static final SerializedString FEATURE = new SerializedString("feature");
    private static final SerializedString GROUP = new SerializedString("group");
    private static final SerializedString REFERENCE = new SerializedString("reference");
    private static final SerializedString CONTRIBUTION = new SerializedString("contribution");
    private static final SerializedString GROUPS = new SerializedString("groups");
    private static final SerializedString SENSOR = new SerializedString("sensor");
    private static final SerializedString WARNINGS = new SerializedString("warnings");
    private static final SerializedString ANOMALY = new SerializedString("anomaly");
    private static final SerializedString RAW_SCORE = new SerializedString("rawScore");
    private static final SerializedString FALSE_ALARM_RATE = new SerializedString("falseAlarmRate");
    private static final SerializedString SENSORS = new SerializedString("sensors");
    private static final SerializedString SHARE = new SerializedString("share");
    private static final SerializedString ADAPTIVE = new SerializedString("adaptive");
    private static final SerializedString LIKELIHOOD = new SerializedString("likelihood");
    private static final SerializedString ALARM_LEVEL = new SerializedString("alarmLevel");
    private static final SerializedString ROWS = new SerializedString("rows");

    ScoreResponseSerializer() {
        super(ScoreResponse.class);
    }

    @Override
    public void serialize(ScoreResponse a, JsonGenerator g, SerializerProvider provider) throws IOException {
        g.writeStartObject();
        if (a.model() != null) {
            g.writeFieldName(MODEL);
            g.writeStartObject();
            string(g, NAME, a.model().name());
            g.writeFieldName(VERSION);
            g.writeNumber(a.model().version());
            g.writeEndObject();
        }
        string(g, ASSET, a.asset());
        string(g, SCORED_AT, a.scoredAt());
        g.writeFieldName(READINGS);
        g.writeNumber(a.readings());
        if (a.failure() != null && a.failure().isPresent()) {
            failure(g, a.failure().get());
        }
        if (a.remainingUsefulLife() != null && a.remainingUsefulLife().isPresent()) {
            RemainingLife r = a.remainingUsefulLife().get();
            g.writeFieldName(REMAINING);
            g.writeStartObject();
            number(g, VALUE, r.value());
            string(g, UNIT, r.unit());
            number(g, REFERENCE_LIFE, r.referenceLife());
            if (r.interval() != null && r.interval().isPresent()) {
                RemainingLife.Interval i = r.interval().get();
                g.writeFieldName(INTERVAL);
                g.writeStartObject();
                number(g, LOW, i.low());
                number(g, HIGH, i.high());
                number(g, COVERAGE, i.coverage());
                string(g, METHOD, i.method());
                g.writeFieldName(OPEN_ABOVE);
                g.writeBoolean(i.openAbove());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        if (a.anomaly() != null && a.anomaly().isPresent()) {
            anomaly(g, a.anomaly().get());
        }
        number(g, HEALTH, a.healthIndex());
        if (a.risk() != null) {
            RiskSummary r = a.risk();
            g.writeFieldName(RISK);
            g.writeStartObject();
            number(g, SCORE, r.score());
            string(g, BAND, r.band());
            number(g, THRESHOLD, r.threshold());
            g.writeFieldName(ALARM);
            g.writeBoolean(r.alarm());
            string(g, ACTION, r.action());
            g.writeEndObject();
        }
        if (a.explanation() != null && a.explanation().isPresent()) {
            explanation(g, a.explanation().get());
        }
        if (a.warnings() != null) {
            g.writeFieldName(WARNINGS);
            g.writeStartArray();
            for (String w : a.warnings()) {
                g.writeString(w);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void anomaly(JsonGenerator g, AnomalyOutlook o) throws IOException {
        g.writeFieldName(ANOMALY);
        g.writeStartObject();
        number(g, SCORE, o.score());
        number(g, RAW_SCORE, o.rawScore());
        number(g, THRESHOLD, o.threshold());
        number(g, FALSE_ALARM_RATE, o.falseAlarmRate());
        g.writeFieldName(ALARM);
        g.writeBoolean(o.alarm());
        g.writeFieldName(SENSORS);
        g.writeStartArray();
        for (AnomalyOutlook.SensorContribution s : o.sensors()) {
            g.writeStartObject();
            string(g, SENSOR, s.sensor());
            number(g, CONTRIBUTION, s.contribution());
            number(g, SHARE, s.share());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (o.adaptive().isPresent()) {
            adaptive(g, o.adaptive().get());
        }
        g.writeEndObject();
    }

    /** An adaptive score; its raw score is left out while online neighbours have too few rows. */
    private static void adaptive(JsonGenerator g, AnomalyOutlook.Adaptive a) throws IOException {
        g.writeFieldName(ADAPTIVE);
        g.writeStartObject();
        number(g, SCORE, a.score());
        number(g, LIKELIHOOD, a.likelihood());
        number(g, RAW_SCORE, a.rawScore());
        number(g, ALARM_LEVEL, a.alarmLevel());
        g.writeFieldName(ALARM);
        g.writeBoolean(a.alarm());
        g.writeFieldName(ROWS);
        g.writeNumber(a.rows());
        g.writeEndObject();
    }

    private static void failure(JsonGenerator g, FailureOutlook f) throws IOException {
        g.writeFieldName(FAILURE);
        g.writeStartObject();
        string(g, HORIZON, f.horizon());
        number(g, ANY, f.any());
        if (f.byComponent() != null) {
            g.writeFieldName(BY_COMPONENT);
            g.writeStartObject();
            for (Map.Entry<String, Double> e : f.byComponent().entrySet()) {
                if (e.getValue() != null) {   // NON_ABSENT leaves null map values out too
                    g.writeFieldName(e.getKey());
                    g.writeNumber(e.getValue());
                }
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void explanation(JsonGenerator g, Explanation e) throws IOException {
        g.writeFieldName(EXPLANATION);
        g.writeStartObject();
        string(g, METHOD, e.method());
        string(g, REFERENCES, e.references());
        if (e.topFeatures() != null) {
            g.writeFieldName(TOP_FEATURES);
            g.writeStartArray();
            for (FeatureContribution c : e.topFeatures()) {
                g.writeStartObject();
                string(g, FEATURE, c.feature());
                string(g, GROUP, c.group());
                number(g, VALUE, c.value());
                number(g, REFERENCE, c.reference());
                number(g, CONTRIBUTION, c.contribution());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        List<GroupContribution> groups = e.groups();
        if (groups != null) {
            g.writeFieldName(GROUPS);
            g.writeStartArray();
            for (GroupContribution c : groups) {
                g.writeStartObject();
                string(g, GROUP, c.group());
                g.writeFieldName(SENSOR);
                g.writeBoolean(c.sensor());
                number(g, CONTRIBUTION, c.contribution());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, SerializedString name, String value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeString(value);
        }
    }

    private static void string(JsonGenerator g, SerializedString name, Optional<String> value) throws IOException {
        if (value != null && value.isPresent()) {
            g.writeFieldName(name);
            g.writeString(value.get());
        }
    }

    private static void number(JsonGenerator g, SerializedString name, double value) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(value);
    }

    private static void number(JsonGenerator g, SerializedString name, OptionalDouble value) throws IOException {
        if (value != null && value.isPresent()) {
            g.writeFieldName(name);
            g.writeNumber(value.getAsDouble());
        }
    }
}
