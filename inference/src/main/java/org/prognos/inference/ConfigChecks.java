package org.prognos.inference;


/**
 * The checks and defaults every section of the service config shares, so that a section in its own file
 * ({@link StateConfig}, {@link QuotasConfig}, {@link AlertsConfig}, …) words a bad value as the others do: the field
 * named by its YAML path, then the value found.
 */
final class ConfigChecks {
    private ConfigChecks() {
    }

    /** Refuses a value that is not above 0 (NaN included), naming {@code field} as it is written in the file. */
    static void positive(String field, double v) {
        if (!(v > 0)) {
            throw new InvalidConfigException("'" + field + "' must be positive, found " + v);
        }
    }

    /** {@code v}, or the default {@code d} when the file left the field out. */
    static <T> T or(T v, T d) {
        return v == null ? d : v;
    }
}
