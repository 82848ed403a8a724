package org.prognos.inference.alerts;

import java.util.ArrayList;
import java.util.List;

/** A destination that takes every event and keeps it, in order. */
final class RecordingDestination implements AlertDestination {
    private final String name;
    private final List<AlertMessage> received = new ArrayList<>();

    RecordingDestination(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void deliver(AlertMessage message, int attempt) {
        received.add(message);
    }

    synchronized List<AlertMessage> received() {
        return List.copyOf(received);
    }
}
