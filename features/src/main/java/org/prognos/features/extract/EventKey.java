package org.prognos.features.extract;

import org.prognos.features.telemetry.EventKind;

/** An event kind and code, as an event column counts or times them; code {@code *} matches any. */
record EventKey(EventKind kind, String code) {
    boolean matches(EventKind k, String c) {
        return kind == k && (code.equals("*") || code.equals(c));
    }
}
