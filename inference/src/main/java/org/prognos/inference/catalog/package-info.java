/**
 * The models being served: {@link org.prognos.inference.catalog.ModelCatalog} keeps the current verified (and, with a
 * trust list, signature-checked) bundle of each model behind an atomic reference, swaps in reloads, keeps the models
 * whose bundle was refused as failed (reported, answered with 503, retried when their bundle changes), and closes a
 * replaced model only after its in-flight requests (each holding a {@link org.prognos.inference.catalog.ModelLease})
 * finish. A
 * {@link org.prognos.inference.catalog.ServedModel} is the runtime's {@link org.prognos.models.runtime.LoadedModel}
 * plus what only the service needs (reference counting, the registry fingerprint, the load time);
 * {@link org.prognos.inference.catalog.ModelService} answers the model endpoints.
 */
package org.prognos.inference.catalog;
