package org.prognos.inference.api;

/**
 * The outcome of an admin reload.
 *
 * @param model           the model
 * @param previousVersion the version served before
 * @param version         the version served now
 * @param outcome         {@code reloaded} (a new bundle was swapped in) or {@code unchanged}
 */
public record ReloadResponse(String model, int previousVersion, int version, String outcome) {
}
