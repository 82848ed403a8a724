package org.prognos.live.sparkplug;

import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.Metric;
import org.prognos.features.telemetry.EventKind;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A metric as a birth certificate defined it: its name, alias and datatype, and what it is to Prognos.
 *
 * @param name     the metric's name, also the channel name of its readings
 * @param alias    the alias data messages may use instead of the name
 * @param datatype the Sparkplug datatype number
 * @param role     a reading channel, an event metric or a control metric
 */
record MetricDefinition(String name, OptionalLong alias, int datatype, Role role) {
    /** Names of event metrics start with this; the rest is the event kind (see the package documentation). */
    static final String EVENT_PREFIX = "event/";

    MetricDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(role, "role");
    }

    /** The definition a birth certificate's metric makes. */
    static MetricDefinition born(Metric metric) {
        return new MetricDefinition(metric.getName(),
                metric.hasAlias() ? OptionalLong.of(metric.getAlias()) : OptionalLong.empty(),
                metric.getDatatype(), Role.of(metric.getName()));
    }

    /** Whether this metric makes its node or device an asset: a numeric channel or an event metric. */
    boolean describesAsset() {
        return role == Role.EVENT || (role == Role.CHANNEL && MetricValues.numeric(datatype));
    }

    /**
     * Reads one occurrence of this metric into {@code out}. A data message may restate the datatype; the birth's
     * counts otherwise.
     */
    void read(Metric metric, long epochMillis, TelemetryBuilder out) {
        int type = metric.getDatatype() != 0 ? metric.getDatatype() : datatype;
        role.read(this, metric, type, epochMillis, out);
    }

    /** What a metric is to Prognos, by its name. */
    enum Role {
        /**
         * Sparkplug's own metrics: {@code bdSeq} and the {@code Node Control/...} and {@code Device Control/...}
         * commands. Left out silently: they are protocol, not readings.
         */
        CONTROL {
            @Override
            void read(MetricDefinition def, Metric metric, int datatype, long epochMillis, TelemetryBuilder out) {
            }
        },
        /** A reading: numeric datatypes become doubles, {@code is_null} becomes NaN. */
        CHANNEL {
            @Override
            void read(MetricDefinition def, Metric metric, int datatype, long epochMillis, TelemetryBuilder out) {
                if (!MetricValues.numeric(datatype)) {
                    out.skip(def.name(), SkipReason.UNSUPPORTED_DATATYPE, "datatype " + MetricValues.describe(datatype));
                    return;
                }
                if (metric.getIsNull()) {
                    out.reading(epochMillis, def.name(), Double.NaN);
                    return;
                }
                OptionalDouble value = MetricValues.number(metric, datatype);
                if (value.isEmpty()) {
                    out.skip(def.name(), SkipReason.VALUE_MISMATCH,
                            MetricValues.describe(datatype) + " holding " + metric.getValueCase());
                    return;
                }
                out.reading(epochMillis, def.name(), value.getAsDouble());
            }
        },
        /** An event metric, {@code event/{kind}}: a String whose value is the code; null means no event. */
        EVENT {
            @Override
            void read(MetricDefinition def, Metric metric, int datatype, long epochMillis, TelemetryBuilder out) {
                if (!MetricValues.text(datatype)) {
                    out.skip(def.name(), SkipReason.UNSUPPORTED_DATATYPE,
                            "event metric of datatype " + MetricValues.describe(datatype) + " (String expected)");
                    return;
                }
                if (metric.getIsNull()) {
                    return;
                }
                Optional<String> kind = eventKind(def.name());
                if (kind.isEmpty()) {
                    out.skip(def.name(), SkipReason.UNKNOWN_EVENT_KIND, "kinds are failure, maintenance and alarm");
                } else if (!metric.hasStringValue() || metric.getStringValue().isEmpty()) {
                    out.skip(def.name(), SkipReason.VALUE_MISMATCH, "an event needs its code as a non-empty string");
                } else {
                    out.event(epochMillis, kind.get(), metric.getStringValue());
                }
            }
        };

        /** The role of the metric named {@code name}. */
        static Role of(String name) {
            if (name.equals("bdSeq") || name.startsWith("Node Control/") || name.startsWith("Device Control/")) {
                return CONTROL;
            }
            return name.startsWith(EVENT_PREFIX) ? EVENT : CHANNEL;
        }

        abstract void read(MetricDefinition def, Metric metric, int datatype, long epochMillis, TelemetryBuilder out);
    }

    /** The event kind an event metric's name gives, when it is one of {@link EventKind}'s, in lower case. */
    static Optional<String> eventKind(String metricName) {
        String kind = metricName.substring(EVENT_PREFIX.length());
        for (EventKind known : EventKind.values()) {
            if (known.name().toLowerCase(Locale.ROOT).equals(kind)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The name of the event metric of {@code kind} ({@code event/failure}). */
    static String eventMetric(EventKind kind) {
        return EVENT_PREFIX + kind.name().toLowerCase(Locale.ROOT);
    }
}
