package org.prognos.inference.alerts;

import java.util.Locale;
import org.prognos.live.alert.AlertTransition;

/**
 * What happened to an alert, as destinations are told. The constants' order is part of the outbox's key layout (an
 * asset's events are delivered in data-time order, then in this order): append new ones only.
 */
public enum AlertEvent {
    /** The alert opened. */
    OPENED,
    /** The alert closed. */
    CLOSED,
    /** Someone acknowledged it. */
    ACKED;

    /** The event's name in messages and headers: {@code opened}, {@code closed} or {@code acked}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The event of a transition of the rule. */
    public static AlertEvent of(AlertTransition t) {
        return valueOf(t.event().toUpperCase(Locale.ROOT));
    }
}
