package org.prognos.inference;

import org.prognos.PrognosException;

/**
 * A service config file that cannot be used; the message names the file and the field. In a file of its own so that
 * the config sections ({@link ServiceConfig}, {@link ConfigChecks}, …) and the checks they share do not import each
 * other.
 */
public final class InvalidConfigException extends PrognosException {
    public InvalidConfigException(String message) {
        super(message);
    }

    public InvalidConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
