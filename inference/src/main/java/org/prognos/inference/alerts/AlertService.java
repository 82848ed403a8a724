package org.prognos.inference.alerts;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.prognos.inference.UnknownAlertException;
import org.prognos.inference.alerts.RecordCodec.StoredAlert;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.inference.store.StateDb;
import org.prognos.inference.store.StateDb.Family;
import org.prognos.inference.store.StoreException;
import org.prognos.live.alert.Alert;
import org.prognos.live.alert.AlertRule;
import org.prognos.live.alert.AlertTracker;
import org.prognos.live.alert.AlertTransition;
import org.prognos.live.alert.Observation;

/**
 * The service's alerts: one {@link AlertTracker} per (asset, model), the alert history, acknowledgements, and
 * delivery to every destination at least once.
 *
 * <p>The streaming path drives it in three steps, so that an alert and its deliveries are durable together with the
 * readings that caused them:
 * <pre>
 * List&lt;AlertTransition&gt; t = alerts.observe(observation);        // on the thread applying the asset's readings; no I/O
 * db.write(batch -&gt; { ...journal...; alerts.record(batch, t); }, true);
 * alerts.committed(t);                                               // the batch is on disk: deliver
 * </pre>
 * A caller without a batch of its own calls {@link #apply} instead of the last two. Without a store, {@code record}
 * keeps the records in memory and ignores the batch, so the same three calls work in both modes.
 * {@link #record} also saves the trackers whose counts moved since they were last saved (call it with every batch,
 * even with no transition, so counts survive a restart; a score that moves nothing but the last time seen costs no
 * write); a tracker with a transition not yet committed is saved only with that transition, so the store never
 * holds an open alert without its record and outbox entries.
 *
 * <p>{@link #recover} at startup, before the first observation, restores the trackers and resumes pending
 * deliveries: an alert open before the restart is still open, with the same id, and is not opened again; scores
 * replayed after the restart that the trackers had already seen count for nothing.
 *
 * <p>Without a {@link StateDb} everything is kept in memory, with the same API and behaviour except surviving a
 * restart. Thread-safe; one thread at a time feeds a given (asset, model). A tracker costs about 200 bytes of heap
 * per (asset, model) ever scored.
 *
 * <p>Delivery lives apart ({@code Outbox}, {@link AlertDestination}), the rule in {@code live.alert}; this class keeps
 * the trackers, the durable records and their queries together because they change in one batch and one lock.
 * That is why the class is a little over 500 lines: the queries ({@link #list}, {@link #get}) compose records from
 * the same store and lock that {@link #record} writes under, and moving them out would hand that lock to a second
 * class.
 */
public final class AlertService implements AutoCloseable {
    /** How long {@link #close} waits for deliveries under way. */
    public static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final byte[] EMPTY = new byte[0];

    /**
     * What {@link #recover} found.
     *
     * @param trackers   trackers restored
     * @param open       alerts open among them
     * @param deliveries events waiting in the outbox, handed to the workers again
     */
    public record Recovery(int trackers, int open, int deliveries) {
    }

    private record TrackerKey(String asset, String model) {
    }

    /** A tracker, whether its state moved since it was saved, and its transitions not yet committed. */
    private static final class Slot {
        final TrackerKey key;
        final AlertTracker tracker;
        boolean dirty;
        int uncommitted;

        Slot(TrackerKey key, AlertTracker tracker) {
            this.key = key;
            this.tracker = tracker;
        }
    }

    private final AlertRule rule;
    private final Records records;
    private final ServiceMetrics metrics;
    private final Clock clock;
    private final Outbox outbox;
    private final Map<TrackerKey, Slot> slots = new ConcurrentHashMap<>();
    private final Set<Slot> dirty = ConcurrentHashMap.newKeySet();
    /** Open alerts per asset (one per model at most), as the trackers have them. */
    private final Map<String, Integer> openByAsset = new ConcurrentHashMap<>();
    private final Object acks = new Object();
    private volatile boolean closed;

    /**
     * An alert service.
     *
     * @param rule            when alerts open and close
     * @param db              the store, or empty to keep everything in memory
     * @param destinations    where events go (names unique)
     * @param metrics         the service's metrics
     * @param clock           the service clock (recording times, acknowledgements, delivery statuses)
     * @param deliveryThreads delivery worker threads
     */
    public AlertService(AlertRule rule, Optional<StateDb> db, List<AlertDestination> destinations, ServiceMetrics metrics,
                        Clock clock, int deliveryThreads) {
        this.rule = rule;
        this.records = db.map(Records::of).orElseGet(Records::inMemory);
        this.metrics = metrics;
        this.clock = clock;
        this.outbox = new Outbox(records, destinations, metrics, clock, deliveryThreads);
    }

    /** The rule applied. */
    public AlertRule rule() {
        return rule;
    }

    /** Whether alerts survive a restart (a store is behind them). */
    public boolean durable() {
        return records.durable();
    }

    /**
     * Whether {@code asset} has an open alert (by any model), as its trackers have it now: for the streaming state,
     * which evicts such assets last. Constant time.
     */
    public boolean hasOpenAlert(String asset) {
        return openByAsset.containsKey(asset);
    }

    /** Events waiting for a destination in this process. */
    public int pendingDeliveries() {
        return outbox.pending();
    }

    /**
     * Restores the trackers and resumes the deliveries the store holds. Call once, before the first observation.
     * Nothing to do in memory.
     */
    public Recovery recover() {
        if (!records.durable()) {
            return new Recovery(0, 0, 0);
        }
        int[] found = new int[2];
        records.scan(Family.ALERTS, AlertKeys.TRACKERS, (k, v) -> {
            AlertTracker.State s = decodeTracker(k, v);
            TrackerKey key = new TrackerKey(s.asset(), s.model());
            slots.put(key, new Slot(key, AlertTracker.restore(rule, s)));
            found[0]++;
            if (s.open().isPresent()) {
                found[1]++;
                openByAsset.merge(s.asset(), 1, Integer::sum);
            }
            return true;
        });
        List<OutboxEntry> waiting = new ArrayList<>();
        records.scan(Family.OUTBOX, AlertKeys.EVERYTHING, (k, v) -> waiting.add(RecordCodec.decodeOutbox(k, v)));
        outbox.submit(waiting);
        metrics.alertsOpen(found[1]);
        return new Recovery(found[0], found[1], waiting.size());
    }

    private static AlertTracker.State decodeTracker(byte[] key, byte[] value) {
        try {
            return AlertTracker.State.decode(value);
        } catch (IllegalArgumentException e) {
            throw new StoreException("the state store holds an unreadable alert tracker under "
                    + new String(key, StandardCharsets.UTF_8).replace('\u0000', '/') + ": " + e.getMessage(), e);
        }
    }

    /**
     * Feeds one score to the tracker of its asset and model. No I/O.
     *
     * @return the opening or closing it caused (none, mostly): pass it to {@link #record} and {@link #committed}
     */
    public List<AlertTransition> observe(Observation o) {
        if (o.asset().indexOf('\u0000') >= 0 || o.model().indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("asset and model names must not hold NUL");
        }
        Slot slot = slots.computeIfAbsent(new TrackerKey(o.asset(), o.model()),
                k -> new Slot(k, new AlertTracker(rule, k.asset(), k.model())));
        synchronized (slot) {
            AlertTracker.State before = slot.tracker.state();
            Optional<AlertTransition> t = slot.tracker.observe(o);
            if (records.durable() && moved(before, slot.tracker.state())) {
                slot.dirty = true;
                dirty.add(slot);
            }
            if (t.isEmpty()) {
                return List.of();
            }
            slot.uncommitted++;
            openByAsset.merge(o.asset(), t.get() instanceof AlertTransition.Opened ? 1 : -1,
                    (a, b) -> a + b == 0 ? null : a + b);
            return List.of(t.get());
        }
    }

    /**
     * Adds to {@code batch} what {@code transitions} change (the alert records, the asset index, the trackers'
     * states, one outbox entry and one pending status per destination) and the states of trackers whose counts moved
     * since they were saved. Writes nothing itself. Without a store the records go to memory at once and
     * {@code batch} is not used (pass whatever batch the caller has, a no-op one included).
     */
    public void record(StateDb.Batch batch, List<AlertTransition> transitions) {
        if (records.durable()) {
            fill(batch, transitions);
        } else if (!transitions.isEmpty()) {
            records.write(memory -> fill(memory, transitions), false);
        }
    }

    private void fill(StateDb.Batch batch, List<AlertTransition> transitions) {
        Instant now = now();
        Map<String, Instant> openedHere = new HashMap<>();
        for (AlertTransition t : transitions) {
            Alert a = t.alert();
            saveTracker(batch, slotOf(a));
            AlertRecord r = t instanceof AlertTransition.Opened
                    ? new AlertRecord(a, now, Optional.empty(), Optional.empty(), List.of())
                    : new AlertRecord(a, openedAt(a, openedHere).orElse(now), Optional.of(now), acknowledgement(a.id()), List.of());
            openedHere.put(a.id(), r.openedAt());
            batch.put(Family.ALERTS, AlertKeys.alert(a.id()), RecordCodec.encode(new StoredAlert(a, r.openedAt(), r.closedAt())));
            batch.put(Family.ALERTS, AlertKeys.assetIndex(a.asset(), a.id()), EMPTY);
            enqueue(batch, r, AlertEvent.of(t), t.time().tick(), now);
        }
        saveDirty(batch);
    }

    /**
     * Closes {@code asset}'s open alerts and forgets its trackers, because an admin deleted or reset the asset's state:
     * no score of the old history will release them, and the trackers' last times seen would hide the scores of the
     * new one. Each closing is recorded and delivered as any closing (a {@code closed} event, at the data time of the
     * last score seen); the asset's alert history stays. Adds the records, and the trackers' removal, to {@code batch}
     * (without a store they go to memory at once, as {@link #record} does); no I/O.
     *
     * @param format how the asset's model writes a data time
     * @return the closings: pass them to {@link #committed} once the batch is durable
     */
    public List<AlertTransition> withdraw(String asset, LongFunction<String> format, StateDb.Batch batch) {
        List<Slot> trackers = slots.values().stream().filter(s -> s.key.asset().equals(asset)).toList();
        List<AlertTransition> closings = new ArrayList<>();
        for (Slot slot : trackers) {
            synchronized (slot) {
                slot.tracker.withdraw(format).ifPresent(closings::add);
            }
        }
        if (records.durable()) {
            fill(batch, closings);
            for (Slot slot : trackers) {
                batch.delete(Family.ALERTS, AlertKeys.tracker(asset, slot.key.model()));
            }
        } else if (!closings.isEmpty()) {
            records.write(memory -> fill(memory, closings), false);
        }
        for (Slot slot : trackers) {
            slots.remove(slot.key, slot);
            dirty.remove(slot);
        }
        openByAsset.remove(asset);
        return closings;
    }

    /** The batch {@link #record} filled is durable: counts the transitions and hands their events to the workers. */
    public void committed(List<AlertTransition> transitions) {
        List<OutboxEntry> entries = new ArrayList<>();
        for (AlertTransition t : transitions) {
            Alert a = t.alert();
            Slot slot = slots.get(new TrackerKey(a.asset(), a.model()));
            if (slot != null) {   // none after a withdrawal
                synchronized (slot) {
                    slot.uncommitted = Math.max(0, slot.uncommitted - 1);
                }
            }
            if (t instanceof AlertTransition.Opened) {
                metrics.alertOpened(a.model());
            } else {
                metrics.alertClosed(a.model());
            }
            AlertEvent event = AlertEvent.of(t);
            for (AlertDestination d : outbox.destinations()) {
                byte[] key = AlertKeys.outbox(d.name(), a.asset(), t.time().tick(), event, a.id());
                records.get(Family.OUTBOX, key).ifPresent(v -> entries.add(RecordCodec.decodeOutbox(key, v)));
            }
        }
        outbox.submit(entries);
        metrics.alertsOpen(openCount());
    }

    /** {@link #record} in a batch of its own, written synchronously, then {@link #committed}. */
    public void apply(List<AlertTransition> transitions) {
        if (transitions.isEmpty() && !records.durable()) {
            return;
        }
        records.write(batch -> fill(batch, transitions), true);
        committed(transitions);
    }

    /**
     * Acknowledges an alert (open or closed), durably, and tells every destination. Idempotent: an alert
     * acknowledged before keeps its first acknowledgement and nothing is sent again.
     *
     * @return the alert, acknowledged
     * @throws UnknownAlertException when there is no such alert
     */
    public AlertRecord ack(String id, String by, Optional<String> note) {
        synchronized (acks) {
            AlertRecord current = get(id).orElseThrow(() -> new UnknownAlertException("no alert has the id '"
                    + (id.length() > 64 ? id.substring(0, 64) + "…" : id) + "'"));
            if (current.acknowledgement().isPresent()) {
                return current;
            }
            Instant now = now();
            Acknowledgement ack = new Acknowledgement(by, now, note);
            AlertRecord acked = current.acknowledged(ack);
            long tick = ackTick(acked.alert());
            List<OutboxEntry> entries = new ArrayList<>();
            records.write(batch -> {
                batch.put(Family.ALERTS, AlertKeys.ack(id), RecordCodec.encode(ack));
                entries.addAll(enqueue(batch, acked, AlertEvent.ACKED, tick, now));
            }, true);
            outbox.submit(entries);
            return get(id).orElseThrow();
        }
    }

    /** The alert with this id: an open one with its peak so far, with its acknowledgement and deliveries. */
    public Optional<AlertRecord> get(String id) {
        return records.get(Family.ALERTS, AlertKeys.alert(id)).map(RecordCodec::decodeAlert).map(this::compose);
    }

    /** The alerts {@code q} asks for, the most recently opened first. */
    public List<AlertRecord> list(AlertQuery q) {
        List<AlertRecord> found = new ArrayList<>();
        Consumer<StoredAlert> consider = s -> {
            Alert a = s.alert();
            if (q.asset().map(a.asset()::equals).orElse(true) && q.model().map(a.model()::equals).orElse(true)) {
                AlertRecord r = compose(s);
                if (q.admits(r)) {
                    found.add(r);
                }
            }
        };
        if (q.asset().isPresent()) {
            records.scan(Family.ALERTS, AlertKeys.assetIndex(q.asset().get()), (k, v) -> {
                records.get(Family.ALERTS, AlertKeys.alert(AlertKeys.idOfIndex(k))).map(RecordCodec::decodeAlert).ifPresent(consider);
                return true;
            });
        } else if (q.state() == AlertQuery.State.OPEN) {
            for (Alert open : openAlerts()) {
                records.get(Family.ALERTS, AlertKeys.alert(open.id())).map(RecordCodec::decodeAlert).ifPresent(consider);
            }
        } else {
            records.scan(Family.ALERTS, AlertKeys.ALERTS, (k, v) -> {
                consider.accept(RecordCodec.decodeAlert(v));
                return true;
            });
        }
        found.sort(Comparator.comparing(AlertRecord::openedAt).thenComparingLong(r -> r.alert().opened().tick())
                .thenComparing(AlertRecord::id).reversed());
        return found.size() > q.limit() ? List.copyOf(found.subList(0, q.limit())) : List.copyOf(found);
    }

    /** The alerts in {@code state}, of {@code asset} and {@code model} when given, changed since {@code since}. */
    public List<AlertRecord> list(AlertQuery.State state, Optional<String> asset, Optional<String> model,
                                  Optional<Instant> since, int limit) {
        return list(new AlertQuery(state, asset, model, since, Optional.empty(), limit));
    }

    /**
     * Saves the trackers' counts and stops the delivery workers, waiting up to {@link #CLOSE_WAIT} for attempts under
     * way. Events not yet delivered stay in the outbox for the next start. Close it before its {@link StateDb}.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (records.durable()) {
            records.write(this::saveDirty, true);
        }
        outbox.close(CLOSE_WAIT);
    }

    private AlertRecord compose(StoredAlert s) {
        Alert alert = s.alert();
        if (alert.isOpen()) {
            Slot slot = slots.get(new TrackerKey(alert.asset(), alert.model()));
            if (slot != null) {
                synchronized (slot) {
                    alert = slot.tracker.open().filter(a -> a.id().equals(s.alert().id())).orElse(alert);
                }
            }
        }
        List<DeliveryStatus> deliveries = new ArrayList<>();
        records.scan(Family.ALERTS, AlertKeys.deliveries(alert.id()), (k, v) -> deliveries.add(RecordCodec.decodeDelivery(v)));
        deliveries.sort(Comparator.comparing(DeliveryStatus::event).thenComparing(DeliveryStatus::destination));
        return new AlertRecord(alert, s.openedAt(), s.closedAt(), acknowledgement(alert.id()), deliveries);
    }

    /**
     * Where an acknowledgement goes in its asset's lane: after every event recorded for the asset and model so far
     * (the tracker's last tick is at least theirs, and later events have later ticks), so an acknowledgement of an
     * old alert is not delivered before a newer alert's opening that is already on its way.
     */
    private long ackTick(Alert a) {
        long own = a.closed().orElse(a.opened()).tick();
        Slot slot = slots.get(new TrackerKey(a.asset(), a.model()));
        if (slot == null) {
            return own;
        }
        synchronized (slot) {
            return Math.max(own, slot.tracker.state().lastTick().orElse(own));
        }
    }

    private Optional<Acknowledgement> acknowledgement(String id) {
        return records.get(Family.ALERTS, AlertKeys.ack(id)).map(RecordCodec::decodeAck);
    }

    private Optional<Instant> openedAt(Alert a, Map<String, Instant> openedHere) {
        Instant here = openedHere.get(a.id());
        return here != null ? Optional.of(here)
                : records.get(Family.ALERTS, AlertKeys.alert(a.id())).map(v -> RecordCodec.decodeAlert(v).openedAt());
    }

    /** Puts one outbox entry and one pending status per destination for {@code event}; answers the entries. */
    private List<OutboxEntry> enqueue(StateDb.Batch batch, AlertRecord r, AlertEvent event, long tick, Instant now) {
        Alert a = r.alert();
        byte[] body = AlertJson.message(event, r);
        List<OutboxEntry> entries = new ArrayList<>();
        for (AlertDestination d : outbox.destinations()) {
            byte[] key = AlertKeys.outbox(d.name(), a.asset(), tick, event, a.id());
            String deliveryId = UUID.nameUUIDFromBytes(("prognos-delivery\u0000" + a.id() + "\u0000" + event.label() + "\u0000"
                    + d.name()).getBytes(StandardCharsets.UTF_8)).toString();
            OutboxEntry e = new OutboxEntry(AlertKeys.text(key), d.name(),
                    new AlertMessage(deliveryId, event, a.id(), a.asset(), a.model(), r.isOpen(), body), 0);
            batch.put(Family.OUTBOX, key, RecordCodec.encode(e));
            batch.put(Family.ALERTS, AlertKeys.delivery(a.id(), event, d.name()), RecordCodec.encode(
                    new DeliveryStatus(d.name(), event, DeliveryStatus.Outcome.PENDING, 0, now, Optional.empty())));
            entries.add(e);
        }
        return entries;
    }

    private Slot slotOf(Alert a) {
        Slot slot = slots.get(new TrackerKey(a.asset(), a.model()));
        if (slot == null) {
            throw new IllegalArgumentException("alert " + a.id() + " of " + a.asset() + " by " + a.model()
                    + " did not come from this service's observe");
        }
        return slot;
    }

    private void saveTracker(StateDb.Batch batch, Slot slot) {
        if (!records.durable()) {
            return;
        }
        synchronized (slot) {
            batch.put(Family.ALERTS, AlertKeys.tracker(slot.key.asset(), slot.key.model()), slot.tracker.state().encode());
            slot.dirty = false;
            dirty.remove(slot);
        }
    }

    private void saveDirty(StateDb.Batch batch) {
        for (Slot slot : dirty) {
            synchronized (slot) {
                if (slot.dirty && slot.uncommitted == 0) {
                    saveTracker(batch, slot);
                }
            }
        }
    }

    /**
     * Whether a tracker's state moved in a way a restart must see: its count, its run's start or its open alert (the
     * peak included). A score that moves only the last tick is not saved, so a quiet asset costs no write: replaying
     * such scores from the state saved before them changes nothing, since they changed nothing the first time.
     */
    private static boolean moved(AlertTracker.State before, AlertTracker.State after) {
        return before.run() != after.run() || !before.runStart().equals(after.runStart()) || !before.open().equals(after.open());
    }

    private List<Alert> openAlerts() {
        List<Alert> open = new ArrayList<>();
        for (Slot slot : slots.values()) {
            synchronized (slot) {
                slot.tracker.open().ifPresent(open::add);
            }
        }
        return open;
    }

    private int openCount() {
        return openAlerts().size();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
