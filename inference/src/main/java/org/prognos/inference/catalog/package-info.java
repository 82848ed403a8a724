/**
 * The models being served: {@link org.prognos.inference.catalog.ModelCatalog} keeps the current verified bundle of
 * each model behind an atomic reference, swaps in reloads, and closes a replaced model only after its in-flight
 * requests (each holding a {@link org.prognos.inference.catalog.ModelLease}) finish. A
 * {@link org.prognos.inference.catalog.ServedModel} is the runtime's {@link org.prognos.models.runtime.LoadedModel}
 * plus what only the service needs (reference counting, the registry fingerprint, the load time);
 * {@link org.prognos.inference.catalog.ModelService} answers the model endpoints.
 */
package org.prognos.inference.catalog;
