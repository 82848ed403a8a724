package org.prognos.features.extract;

import java.util.Map;

/**
 * One static column read from an asset's attributes: the attribute's number, or with a {@code level}
 * (categorical) 1 when the attribute equals it and 0 otherwise.
 */
record AttributeValue(String attribute, String level) {
    /** The column's value for an asset with these attributes; {@code NaN} for a numeric one absent or not a number. */
    double read(Map<String, String> attributes) {
        String raw = attributes.get(attribute);
        if (level != null) {
            return raw != null && raw.trim().equals(level) ? 1 : 0;
        }
        try {
            return raw == null || raw.isBlank() ? Double.NaN : Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
