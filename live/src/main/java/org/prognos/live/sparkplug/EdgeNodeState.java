package org.prognos.live.sparkplug;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a host knows of one edge node: its current session (from its NBIRTH to its NDEATH, or until a lost message
 * puts it out of step) and which of its assets are online. Presence outlives a session: a device born before a
 * rebirth stays online until it dies or its node does.
 */
final class EdgeNodeState {
    private static final int SEQ_MODULUS = 256;

    private Optional<Session> session = Optional.empty();
    private Optional<String> outOfStep = Optional.empty();
    private final Set<String> onlineDevices = new LinkedHashSet<>();
    private boolean nodeOnline;

    /** The metrics and sequence of one NBIRTH's session. */
    static final class Session {
        private final OptionalLong bdSeq;
        private final MetricTable nodeMetrics;
        private final Map<String, MetricTable> deviceMetrics = new HashMap<>();
        private long nextSeq;

        private Session(OptionalLong bdSeq, MetricTable nodeMetrics, long birthSeq) {
            this.bdSeq = bdSeq;
            this.nodeMetrics = nodeMetrics;
            this.nextSeq = (birthSeq + 1) % SEQ_MODULUS;
        }

        OptionalLong bdSeq() {
            return bdSeq;
        }

        MetricTable nodeMetrics() {
            return nodeMetrics;
        }

        Optional<MetricTable> deviceMetrics(String device) {
            return Optional.ofNullable(deviceMetrics.get(device));
        }

        void deviceBorn(String device, MetricTable metrics) {
            deviceMetrics.put(device, metrics);
        }

        void deviceDied(String device) {
            deviceMetrics.remove(device);
        }
    }

    /** Starts a session at an NBIRTH; the devices must be born again in it. */
    Session born(OptionalLong bdSeq, MetricTable nodeMetrics, long seq, boolean nodeIsAsset) {
        Session started = new Session(bdSeq, nodeMetrics, seq);
        session = Optional.of(started);
        outOfStep = Optional.empty();
        nodeOnline = nodeIsAsset;
        return started;
    }

    /**
     * The session data and device messages need.
     *
     * @throws MessageRejected {@link RejectReason#NO_BIRTH} when there is none, or it is out of step
     */
    Session liveSession(String what) throws MessageRejected {
        if (outOfStep.isPresent()) {
            throw new MessageRejected(RejectReason.NO_BIRTH, what + " while awaiting a rebirth (" + outOfStep.get() + ")");
        }
        return session.orElseThrow(() -> new MessageRejected(RejectReason.NO_BIRTH, what + " before the node's NBIRTH"));
    }

    /** The session an NDEATH ends, out of step or not. */
    Optional<Session> session() {
        return session;
    }

    /**
     * Checks a message's {@code seq} against the one expected next and moves on. A gap puts the session out of step
     * until the next NBIRTH.
     *
     * @throws MessageRejected {@link RejectReason#SEQUENCE_GAP} on a gap
     */
    void advance(Session live, long seq, String what) throws MessageRejected {
        if (seq != live.nextSeq) {
            String gap = "seq " + seq + " where " + live.nextSeq + " was next";
            outOfStep = Optional.of("sequence gap: " + gap);
            throw new MessageRejected(RejectReason.SEQUENCE_GAP, what + ": " + gap);
        }
        live.nextSeq = (seq + 1) % SEQ_MODULUS;
    }

    /** Ends the session at an NDEATH; the devices and node that were online, to mark offline. */
    Set<String> died() {
        session = Optional.empty();
        outOfStep = Optional.empty();
        Set<String> wereOnline = new LinkedHashSet<>(onlineDevices);
        onlineDevices.clear();
        nodeOnline = false;
        return wereOnline;
    }

    boolean nodeOnline() {
        return nodeOnline;
    }

    void deviceOnline(String device) {
        onlineDevices.add(device);
    }

    /** Marks a device offline; whether it was online. */
    boolean deviceOffline(String device) {
        return onlineDevices.remove(device);
    }
}
