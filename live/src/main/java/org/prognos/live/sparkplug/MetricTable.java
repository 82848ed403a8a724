package org.prognos.live.sparkplug;

import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.Metric;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics one birth certificate defined (an edge node's own, or one device's), found by name or alias. Data
 * messages resolve their metrics here; Sparkplug keeps aliases unique across an edge node, so looking one up in the
 * table of the device it was sent for is enough.
 */
final class MetricTable {
    private final Map<String, MetricDefinition> byName;
    private final Map<Long, MetricDefinition> byAlias;

    private MetricTable(Map<String, MetricDefinition> byName, Map<Long, MetricDefinition> byAlias) {
        this.byName = byName;
        this.byAlias = byAlias;
    }

    /**
     * The definitions of a birth's metrics. A name may repeat (several timestamps of one metric) with the same
     * alias.
     *
     * @param what the message, for the detail ("DBIRTH of device d1 on node g/n")
     * @throws MessageRejected {@link RejectReason#MALFORMED_PAYLOAD} for a metric without a name, or an alias given
     *                         to two names
     */
    static MetricTable born(List<Metric> metrics, String what) throws MessageRejected {
        Map<String, MetricDefinition> byName = new LinkedHashMap<>();
        Map<Long, MetricDefinition> byAlias = new HashMap<>();
        for (Metric metric : metrics) {
            if (!metric.hasName() || metric.getName().isEmpty()) {
                throw new MessageRejected(RejectReason.MALFORMED_PAYLOAD, what + ": a birth metric without a name");
            }
            MetricDefinition def = byName.computeIfAbsent(metric.getName(), n -> MetricDefinition.born(metric));
            if (metric.hasAlias()) {
                MetricDefinition previous = byAlias.putIfAbsent(metric.getAlias(), def);
                if ((previous != null && previous != def) || def.alias().orElse(metric.getAlias()) != metric.getAlias()) {
                    throw new MessageRejected(RejectReason.MALFORMED_PAYLOAD,
                            what + ": alias " + metric.getAlias() + " given to two metrics, or two aliases to "
                                    + metric.getName());
                }
            }
        }
        return new MetricTable(byName, byAlias);
    }

    /**
     * The definition of a metric of this table's data message: by name when it has one, else by alias.
     *
     * @throws MessageRejected {@link RejectReason#UNKNOWN_METRIC} or {@link RejectReason#UNKNOWN_ALIAS} when the
     *                         birth did not define it; {@link RejectReason#MALFORMED_PAYLOAD} when it has neither
     */
    MetricDefinition resolve(Metric metric, String what) throws MessageRejected {
        if (metric.hasName() && !metric.getName().isEmpty()) {
            MetricDefinition def = byName.get(metric.getName());
            if (def == null) {
                throw new MessageRejected(RejectReason.UNKNOWN_METRIC,
                        what + ": metric '" + metric.getName() + "' was not in the birth");
            }
            return def;
        }
        if (metric.hasAlias()) {
            MetricDefinition def = byAlias.get(metric.getAlias());
            if (def == null) {
                throw new MessageRejected(RejectReason.UNKNOWN_ALIAS,
                        what + ": alias " + metric.getAlias() + " was not in the birth");
            }
            return def;
        }
        throw new MessageRejected(RejectReason.MALFORMED_PAYLOAD, what + ": a metric with neither name nor alias");
    }

    /** Whether the birth defined a numeric channel or an event metric, so its node or device is an asset. */
    boolean describesAsset() {
        return byName.values().stream().anyMatch(MetricDefinition::describesAsset);
    }
}
