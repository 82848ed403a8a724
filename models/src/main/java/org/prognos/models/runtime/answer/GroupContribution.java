package org.prognos.models.runtime.answer;

/**
 * A sensor's (or another source's) part in a score: all of its features replaced by their references at once.
 *
 * @param group        the sensor name, or {@code events} / {@code attributes} / {@code age}
 * @param sensor       whether the group is an input channel
 * @param contribution risk score minus the risk score with the group's features at their reference values
 */
public record GroupContribution(String group, boolean sensor, double contribution) {
}
