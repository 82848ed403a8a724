/**
 * The Prognos scoring service. {@link org.prognos.inference.server.Server} loads the {@code production} models of a
 * registry and starts {@link org.prognos.inference.server.App}, the Javalin application: window scoring
 * ({@code /v1/models/{model}/score}), streaming state per asset ({@code /v1/assets/...}), the fleet's at-risk list,
 * model metadata and hot reload, health, Prometheus metrics and the OpenAPI document. The exceptions here complete
 * the {@link org.prognos.PrognosException} family that {@link org.prognos.inference.http.ProblemMapper}
 * turns into RFC 9457 problems; with {@link org.prognos.inference.ServiceConfig} and
 * {@link org.prognos.inference.Lifecycle} they are the vocabulary every package of the service shares, so this package
 * imports none of them (the wiring lives in {@code server}). The module depends on {@code models} and {@code features}, never on
 * {@code training}.
 */
package org.prognos.inference;
