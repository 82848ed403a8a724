/**
 * The wiring on top of the service: {@link org.prognos.inference.server.Services} builds the HTTP-free core (model
 * catalog, scoring, streaming state, metrics, keys) from a {@link org.prognos.inference.ServiceConfig},
 * {@link org.prognos.inference.server.App} routes the HTTP layer's controllers over it, and
 * {@link org.prognos.inference.server.Server} starts, reloads and drains the whole. The only package that imports
 * every other one of the service; none imports it.
 *
 * <p>The Jetty edge lives here too, beside the app that installs it: {@code BodyPrefetch} (request bodies read without a
 * worker thread, with the read deadline), {@code ConnectionsPerAddress} (the per-address connection cap) and
 * {@code ProblemErrorHandler} (Jetty's own error answers as RFC 9457 problems, worded by the http package's
 * {@code ProblemMapper}).
 */
package org.prognos.inference.server;
