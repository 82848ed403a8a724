package org.prognos.live.alert;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * The alert rule applied to the scores of one asset by one model, in data-time order. Not thread-safe: one caller
 * feeds it (the thread that applies the asset's readings).
 *
 * <p>At most one alert is open at a time, and each score changes at most one thing: {@link #observe} answers the
 * {@link AlertTransition} it caused, if any. A score whose time is not after the last one seen is a replay (a
 * redelivered message, a journal replayed after a crash) and is ignored, so feeding the same scores twice counts
 * them once.
 *
 * <pre>
 * AlertTracker t = new AlertTracker(AlertRule.defaults(), "pump-7", "pump-24h");
 * t.observe(observation).ifPresent(transition -&gt; ...);
 * byte[] saved = t.state().encode();
 * AlertTracker again = AlertTracker.restore(AlertRule.defaults(), AlertTracker.State.decode(saved));
 * </pre>
 */
public final class AlertTracker {
    /**
     * Everything a tracker knows, to save and restore it.
     *
     * @param asset    the asset
     * @param model    the model
     * @param lastTick the data time of the last score seen (empty before the first)
     * @param run      scores in a row so far: beyond the threshold while no alert is open, past the release level
     *                 while one is
     * @param runStart the time of the first score of a run towards opening (empty when {@code run} is 0 or an alert
     *                 is open)
     * @param open     the open alert, if any
     */
    public record State(String asset, String model, OptionalLong lastTick, int run, Optional<DataTime> runStart,
                        Optional<Alert> open) {
        public State {
            Observation.requireName("asset", asset);
            Observation.requireName("model", model);
            Objects.requireNonNull(lastTick, "lastTick");
            Objects.requireNonNull(runStart, "runStart");
            Objects.requireNonNull(open, "open");
            if (run < 0) {
                throw new IllegalArgumentException("run must not be negative, found " + run);
            }
            if (open.isPresent() && (!open.get().isOpen() || !open.get().asset().equals(asset)
                    || !open.get().model().equals(model))) {
                throw new IllegalArgumentException("the open alert " + open.get().id() + " is closed or not of " + asset
                        + " by " + model);
            }
            if (runStart.isPresent() && (open.isPresent() || run == 0)) {
                throw new IllegalArgumentException("a run start belongs to a run towards opening");
            }
        }

        /** The state of a tracker that has seen nothing. */
        public static State fresh(String asset, String model) {
            return new State(asset, model, OptionalLong.empty(), 0, Optional.empty(), Optional.empty());
        }

        /** The compact binary form ({@link AlertCodec}). */
        public byte[] encode() {
            return AlertCodec.encode(this);
        }

        /** The state {@link #encode} wrote. */
        public static State decode(byte[] bytes) {
            return AlertCodec.decodeState(bytes);
        }
    }

    private final AlertRule rule;
    private State state;

    /** A tracker that has seen nothing of {@code asset} by {@code model}. */
    public AlertTracker(AlertRule rule, String asset, String model) {
        this(rule, State.fresh(asset, model));
    }

    private AlertTracker(AlertRule rule, State state) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.state = Objects.requireNonNull(state, "state");
    }

    /** A tracker continuing from {@code state}. */
    public static AlertTracker restore(AlertRule rule, State state) {
        return new AlertTracker(rule, state);
    }

    /** The asset. */
    public String asset() {
        return state.asset();
    }

    /** The model. */
    public String model() {
        return state.model();
    }

    /** The current state (immutable: save it whenever). */
    public State state() {
        return state;
    }

    /** The open alert, if any. */
    public Optional<Alert> open() {
        return state.open();
    }

    /**
     * Applies one score.
     *
     * @return the alert's opening or closing, if this score caused one
     * @throws IllegalArgumentException when the observation is of another asset or model
     */
    public Optional<AlertTransition> observe(Observation o) {
        if (!o.asset().equals(state.asset()) || !o.model().equals(state.model())) {
            throw new IllegalArgumentException("this tracker follows " + state.asset() + " by " + state.model()
                    + ", not " + o.asset() + " by " + o.model());
        }
        if (state.lastTick().isPresent() && o.time().tick() <= state.lastTick().getAsLong()) {
            return Optional.empty();
        }
        return state.open().isPresent() ? towardsClosing(o, state.open().get()) : towardsOpening(o);
    }

    /**
     * Closes the open alert, if any, because its asset's history was deleted or reset (no score will release it), at
     * the data time of the last score seen ({@code format} writes it as the model's axis does), and starts over as a
     * tracker that has seen nothing, so scores of the new history count whatever their time.
     *
     * @return the closing, when an alert was open
     */
    public Optional<AlertTransition> withdraw(LongFunction<String> format) {
        Optional<Alert> open = state.open();
        OptionalLong last = state.lastTick();
        state = State.fresh(state.asset(), state.model());
        if (open.isEmpty()) {
            return Optional.empty();
        }
        long tick = last.orElse(open.get().opened().tick());
        return Optional.of(new AlertTransition.Closed(open.get().closedAt(new DataTime(tick, format.apply(tick)))));
    }

    private Optional<AlertTransition> towardsOpening(Observation o) {
        OptionalLong tick = OptionalLong.of(o.time().tick());
        if (!o.direction().beyond(o.value(), o.threshold())) {
            state = new State(state.asset(), state.model(), tick, 0, Optional.empty(), Optional.empty());
            return Optional.empty();
        }
        int run = state.run() + 1;
        DataTime first = state.runStart().orElse(o.time());
        if (run < rule.consecutive()) {
            state = new State(state.asset(), state.model(), tick, run, Optional.of(first), Optional.empty());
            return Optional.empty();
        }
        Alert alert = new Alert(Alert.idOf(o.asset(), o.model(), o.time().tick()), o.asset(), o.model(), o.modelVersion(),
                o.direction(), o.threshold(), o.value(), o.value(), o.component(), o.drivers(), o.outlook(), first, o.time(),
                Optional.empty());
        state = new State(state.asset(), state.model(), tick, 0, Optional.empty(), Optional.of(alert));
        return Optional.of(new AlertTransition.Opened(alert));
    }

    private Optional<AlertTransition> towardsClosing(Observation o, Alert open) {
        OptionalLong tick = OptionalLong.of(o.time().tick());
        Alert alert = open.seen(o.value());
        int run = o.direction().released(o.value(), o.threshold(), rule.hysteresis()) ? state.run() + 1 : 0;
        if (run < rule.consecutive()) {
            state = new State(state.asset(), state.model(), tick, run, Optional.empty(), Optional.of(alert));
            return Optional.empty();
        }
        state = new State(state.asset(), state.model(), tick, 0, Optional.empty(), Optional.empty());
        return Optional.of(new AlertTransition.Closed(alert.closedAt(o.time())));
    }
}
