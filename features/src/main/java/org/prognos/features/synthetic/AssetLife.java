package org.prognos.features.synthetic;

import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.TimeAxis;

/**
 * The hidden life of one element, one interval at a time: its operating regime, each component's
 * degradation, failures, repairs, scheduled visits and alarms. Everything here draws from the element's
 * life stream only, so the event log is the same whether or not telemetry is generated alongside.
 *
 * <p>Degradation {@code d} of a component is 0 while healthy. At a random onset it starts growing linearly
 * at a random rate (faster in hot, busy regimes); the component fails when {@code d} reaches 1, or, rarely,
 * suddenly at any time. A repair visit some hours later replaces it ({@code d} back to 0).
 */
final class AssetLife {
    static final int LIFE_STREAM = 1;
    private static final Component[] COMPONENTS = Component.values();
    private static final AlarmCode[] ALARMS = AlarmCode.values();
    private static final double HOURS_PER_YEAR = 8760;
    private static final double HOURS_PER_DAY = 24;
    /** Regime persistence per hour: regimes last about three hours. */
    private static final double KEEP_REGIME_PER_HOUR = 0.7;
    /** Alarm chance per hour of a degrading component is ALARM_GAIN × d³: rare at first, hourly near failure. */
    private static final double ALARM_GAIN = 0.3;
    /** Alarm chance per hour of a failed, not yet replaced component. */
    private static final double FAILED_ALARM_PER_HOUR = 0.5;

    interface Listener {
        void event(EventKind kind, long time, String code);
    }

    private final AssetProfile profile;
    private final Reliability reliability;
    private final Draws draws;
    private final double stepHours;
    private final double keepRegime;
    private final double[] onsetChance = new double[COMPONENTS.length];
    private final double[] suddenChance = new double[COMPONENTS.length];
    private final double backgroundChance;
    private final double visitSteps;
    private final double[] degradation = new double[COMPONENTS.length];
    private final double[] wearPerHour = new double[COMPONENTS.length];
    private final boolean[] failed = new boolean[COMPONENTS.length];
    private final int[] repairStep = new int[COMPONENTS.length];
    private OperatingRegime regime = OperatingRegime.BUSY;
    private int nextVisit;

    AssetLife(FleetConfig config, AssetProfile profile) {
        this.profile = profile;
        this.reliability = config.reliability();
        this.draws = new Draws(Draws.streamSeed(config.seed(), profile.index(), LIFE_STREAM));
        this.stepHours = config.stepHours();
        this.keepRegime = StrictMath.pow(KEEP_REGIME_PER_HOUR, stepHours);
        double ageFactor = 1 + profile.ageYears() / 10;
        for (Component c : COMPONENTS) {
            double perHour = reliability.onsetsPerYear() * profile.type().hazard(c) * ageFactor / HOURS_PER_YEAR;
            onsetChance[c.ordinal()] = profile.neverFails() ? 0 : perHour * stepHours;
            suddenChance[c.ordinal()] = profile.neverFails() ? 0
                    : reliability.suddenFailuresPerYear() * profile.type().hazard(c) / HOURS_PER_YEAR * stepHours;
        }
        this.backgroundChance = reliability.backgroundAlarmsPerDay() / HOURS_PER_DAY * stepHours;
        this.visitSteps = reliability.maintenanceIntervalDays() * HOURS_PER_DAY / stepHours;
        this.nextVisit = (int) (draws.uniform() * visitSteps);
    }

    /** Moves the element to interval {@code step} (starting at {@code time}), reporting its events in time order. */
    void advance(int step, long time, Listener out) {
        int hourOfDay = (int) Math.floorMod(Math.floorDiv(time, TimeAxis.Timestamps.MICROS_PER_HOUR), 24L);
        if (step == 0 || !draws.chance(keepRegime)) {
            regime = OperatingRegime.draw(hourOfDay, draws.uniform());
        }
        for (Component c : COMPONENTS) {
            int i = c.ordinal();
            if (failed[i] && step >= repairStep[i]) {
                out.event(EventKind.MAINTENANCE, time, c.code());
                replace(i);
            }
        }
        if (step >= nextVisit) {
            visit(time, out);
            nextVisit = step + (int) Math.max(1, Math.round(visitSteps * draws.uniform(0.85, 1.15)));
        }
        for (Component c : COMPONENTS) {
            int i = c.ordinal();
            if (failed[i]) {
                continue;
            }
            if (wearPerHour[i] > 0) {
                degradation[i] += wearPerHour[i] * stepHours * regime.wear();
            } else if (onsetChance[i] > 0 && draws.chance(onsetChance[i])) {
                wearPerHour[i] = 1 / draws.logNormal(reliability.medianHoursToFailure(), 0.5);
            }
            if (degradation[i] >= 1 || (suddenChance[i] > 0 && draws.chance(suddenChance[i]))) {
                fail(i, step, time, out);
            }
        }
        raiseAlarms(time, out);
    }

    private void visit(long time, Listener out) {
        for (Component c : COMPONENTS) {
            int i = c.ordinal();
            if (failed[i]) {
                continue;
            }
            double p = wearPerHour[i] > 0 ? 0.2 + 0.8 * Math.min(1, degradation[i]) : reliability.routineReplacement();
            if (draws.chance(p)) {
                out.event(EventKind.MAINTENANCE, time, c.code());
                replace(i);
            }
        }
    }

    private void fail(int i, int step, long time, Listener out) {
        failed[i] = true;
        out.event(EventKind.FAILURE, time, COMPONENTS[i].code());
        double repairHours = Math.min(96, Math.max(1, draws.logNormal(reliability.medianRepairHours(), 0.8)));
        repairStep[i] = step + (int) Math.max(1, Math.ceil(repairHours / stepHours));
    }

    private void replace(int i) {
        failed[i] = false;
        degradation[i] = 0;
        wearPerHour[i] = 0;
    }

    private void raiseAlarms(long time, Listener out) {
        int raised = 0;
        for (Component c : COMPONENTS) {
            int i = c.ordinal();
            double perHour;
            if (failed[i]) {
                perHour = FAILED_ALARM_PER_HOUR;
            } else if (wearPerHour[i] > 0) {
                double d = degradation[i];
                perHour = ALARM_GAIN * d * d * d;
            } else {
                continue;
            }
            if (draws.chance(perHour * stepHours)) {
                raised = raise(c.alarm(draws.uniform()), raised, time, out);
            }
        }
        if (backgroundChance > 0 && draws.chance(backgroundChance)) {
            raise(ALARMS[draws.below(ALARMS.length)], raised, time, out);
        }
    }

    /** Raises {@code a} unless already raised in this interval; returns the updated set of raised codes. */
    private static int raise(AlarmCode a, int raised, long time, Listener out) {
        int bit = 1 << a.ordinal();
        if ((raised & bit) == 0) {
            out.event(EventKind.ALARM, time, a.name());
        }
        return raised | bit;
    }

    OperatingRegime regime() {
        return regime;
    }

    /** Hidden degradation of a component: 0 healthy, growing towards 1; at or past 1 (or any value) once failed. */
    double degradation(Component c) {
        return degradation[c.ordinal()];
    }

    boolean failed(Component c) {
        return failed[c.ordinal()];
    }

    /**
     * How strongly a component shows in its channels: {@code d^1.5} (a slow start, a steep end), 1 once failed.
     */
    double severity(Component c) {
        int i = c.ordinal();
        if (failed[i]) {
            return 1;
        }
        double d = Math.min(1, degradation[i]);
        return d * Math.sqrt(d);
    }

    AssetProfile profile() {
        return profile;
    }
}
