package org.prognos.inference.api;

/**
 * One event of an asset's log.
 *
 * @param kind {@code failure}, {@code maintenance} or {@code alarm}
 * @param code the component or alarm code, e.g. {@code comp2} or {@code error3}
 * @param time when it happened, on the model's time axis
 */
public record EventItem(String kind, String code, String time) {
}
