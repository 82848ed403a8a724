/**
 * The root of every Prognos module: {@link org.prognos.PrognosException}, the one family of exceptions that Prognos
 * throws on purpose. Each module adds meaningful subclasses in its own packages (bad telemetry, a bad feature spec,
 * a bundle that fails its checks, a bad request) and wraps library exceptions (I/O, ND4J, XGBoost) at its boundary,
 * so that an edge such as the HTTP layer maps one family to answers in one place.
 */
package org.prognos;
