/**
 * The model registry: versioned bundles on a file system, aliases such as {@code production} and
 * {@code candidate}, and references that name a model the way people do ({@code pump}, {@code pump:3},
 * {@code pump@production}).
 *
 * <p>{@link org.prognos.models.registry.ModelRegistry} publishes atomically (staging directory, fsync, atomic
 * rename, under a per-model file lock), never overwrites a version, and loads only bundles whose checksums match.
 * A training job publishes; the scoring service resolves an alias and loads; an operator promotes a candidate.
 */
package org.prognos.models.registry;
