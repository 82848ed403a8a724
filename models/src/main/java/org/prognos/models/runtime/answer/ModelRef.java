package org.prognos.models.runtime.answer;

/**
 * Which model answered.
 *
 * @param name    the model name
 * @param version the registry version
 */
public record ModelRef(String name, int version) {
}
