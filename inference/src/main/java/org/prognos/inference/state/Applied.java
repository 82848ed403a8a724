package org.prognos.inference.state;

import org.prognos.inference.api.IngestResponse;

/** What applying a window did: accepted it, or recognised a message already applied (a redelivery). */
public sealed interface Applied {
    /** The window changed the asset's state. */
    record Accepted(IngestResponse response) implements Applied {
    }

    /** The same message was applied before (its fingerprint is among the asset's last ones); nothing changed. */
    record Duplicate(String asset) implements Applied {
    }
}
