package org.prognos.features.spec;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;
import org.prognos.features.InvalidSpecException;

/**
 * Turns Jackson's mapping errors into the messages Prognos promises: the offending field's path and what was
 * expected ({@code at 'features[2].window': unknown window 'w9'; declared windows: [3h, 24h]}). Shared by every
 * JSON/YAML document we read (feature specs, dataset descriptors, job configs).
 */
public final class JsonErrors {
    private JsonErrors() {
    }

    /** {@code at '<path>': <reason>}; the reason is our own validation message when one caused the error. */
    public static String describe(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root instanceof InvalidSpecException ? root.getMessage() : e.getOriginalMessage();
        return (path.isEmpty() ? "" : "at '" + (path.startsWith(".") ? path.substring(1) : path) + "': ") + msg;
    }
}
