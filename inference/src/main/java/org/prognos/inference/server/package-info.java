/**
 * The wiring on top of the service: {@link org.prognos.inference.server.Services} builds the HTTP-free core (model
 * catalog, scoring, streaming state, metrics, keys) from a {@link org.prognos.inference.ServiceConfig},
 * {@link org.prognos.inference.server.App} routes the HTTP layer's controllers over it, and
 * {@link org.prognos.inference.server.Server} starts, reloads and drains the whole. The only package that imports
 * every other one of the service; none imports it.
 */
package org.prognos.inference.server;
