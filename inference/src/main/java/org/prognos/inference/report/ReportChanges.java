package org.prognos.inference.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.prognos.PrognosException;
import org.prognos.models.runtime.RiskBand;

/**
 * What changed since a previous report: each asset present in both whose band changed, with its risk then and now and
 * the driver that moved it most. A previous report of format {@code prognos-report/1} (no driver contributions) still
 * compares; its changes name no driver.
 */
public final class ReportChanges {
    /** Formats of report.json that {@code --previous} reads. */
    static final List<String> READS = List.of(FleetReport.FORMAT, "prognos-report/1");

    private ReportChanges() {
    }

    /** How an asset's band moved. */
    public enum Kind {
        NEW_AT_RISK("newAtRisk", "New at risk"),
        RISEN("risen", "Risen"),
        FALLEN("fallen", "Fallen"),
        RECOVERED("recovered", "Recovered");

        final String key;
        final String title;

        Kind(String key, String title) {
            this.key = key;
            this.title = title;
        }

        /** The kind of a move from {@code was} to {@code now}; empty when the band did not change. */
        static Optional<Kind> of(RiskBand was, RiskBand now) {
            if (now.alarm() && !was.alarm()) {
                return Optional.of(NEW_AT_RISK);
            } else if (!now.alarm() && was.alarm()) {
                return Optional.of(RECOVERED);
            } else if (now.compareTo(was) > 0) {
                return Optional.of(RISEN);
            } else if (now.compareTo(was) < 0) {
                return Optional.of(FALLEN);
            }
            return Optional.empty();
        }
    }

    /**
     * One asset's change.
     *
     * @param asset      asset id
     * @param kind       how its band moved
     * @param bandBefore its band in the previous report
     * @param bandNow    its band now
     * @param riskBefore its risk in the previous report
     * @param riskNow    its risk now
     * @param moved      the driver whose contribution changed most in the direction the risk moved, its
     *                   {@code contribution} being that change (now minus before); empty when neither report
     *                   explained the asset or the previous report has no contributions
     */
    public record Change(String asset, Kind kind, String bandBefore, String bandNow, double riskBefore, double riskNow,
                  Optional<Driver> moved) {
        /** {@code 0.420 → 0.710 (watch → high)}. */
        public String riskText() {
            return String.format(Locale.ROOT, "%.3f → %.3f (%s → %s)", riskBefore, riskNow, bandBefore, bandNow);
        }
    }

    /** The comparison: {@code compared} false without a previous report; changes in the current rank order. */
    public record Changes(boolean compared, List<Change> changes) {
        public Changes {
            changes = List.copyOf(changes);
        }

        /** The changes of one kind, in rank order. */
        public List<Change> of(Kind kind) {
            return changes.stream().filter(c -> c.kind() == kind).toList();
        }

        /** How many assets changed each way: {@code 6 new at risk, 1 risen, 2 fallen, 8 recovered}. */
        public String summary() {
            return String.join(", ", Arrays.stream(Kind.values())
                    .map(k -> of(k).size() + " " + k.title.toLowerCase(Locale.ROOT)).toList());
        }
    }

    static Changes compare(List<ReportRow> rows, Optional<Path> previous) throws IOException {
        if (previous.isEmpty()) {
            return new Changes(false, List.of());
        }
        Path p = previous.get().resolve("report.json");
        if (!Files.exists(p)) {
            throw new PrognosException("--previous " + previous.get() + " holds no report.json");
        }
        JsonNode prev = FleetReport.JSON.readTree(p.toFile());
        String format = prev.path("format").asText();
        if (!READS.contains(format)) {
            throw new PrognosException(p + " is not a report this version compares with (format '" + format
                    + "'; reads " + String.join(", ", READS) + ")");
        }
        Map<String, JsonNode> before = new HashMap<>();
        prev.path("assets").forEach(n -> before.put(n.path("asset").asText(), n));
        List<Change> out = new ArrayList<>();
        for (ReportRow r : rows) {
            JsonNode b = before.get(r.asset());
            if (b == null) {
                continue;
            }
            RiskBand was = RiskBand.valueOf(b.path("band").asText().toUpperCase(Locale.ROOT));
            RiskBand now = RiskBand.valueOf(r.band().toUpperCase(Locale.ROOT));
            double riskBefore = b.path("risk").asDouble();
            Kind.of(was, now).ifPresent(k -> out.add(new Change(r.asset(), k, was.label(), now.label(), riskBefore,
                    r.risk(), moved(r, b.path("drivers"), r.risk() - riskBefore))));
        }
        return new Changes(true, out);
    }

    /**
     * The feature among both reports' drivers whose contribution changed most in the direction of {@code delta}
     * (a feature missing from one list counts 0 there: it was not among that report's strongest).
     */
    static Optional<Driver> moved(ReportRow now, JsonNode before, double delta) {
        if (!before.isArray() || (before.isEmpty() && now.drivers().isEmpty())) {
            return Optional.empty();
        }
        Map<String, Driver> change = new LinkedHashMap<>();
        for (Driver d : now.drivers()) {
            change.put(d.feature(), d);
        }
        for (JsonNode d : before) {
            String f = d.path("feature").asText();
            Driver current = change.get(f);
            double c = (current == null ? 0 : current.contribution()) - d.path("contribution").asDouble();
            change.put(f, new Driver(f, current == null ? d.path("label").asText(f) : current.label(), c));
        }
        double sign = delta >= 0 ? 1 : -1;
        return change.values().stream().filter(d -> sign * d.contribution() > 0)
                .max((a, b) -> Double.compare(sign * a.contribution(), sign * b.contribution()));
    }
}
