/**
 * Tenants: asset namespaces. Each API key and each MQTT subscription belongs to a
 * {@link org.prognos.inference.tenant.Tenant}; an asset is an {@link org.prognos.inference.tenant.AssetKey}, a tenant
 * and an asset id, stored under one string id ({@code tenant/asset}, bare in the default tenant) so that the durable
 * state and the alerts of two tenants never meet. This package knows nothing of HTTP, keys or storage.
 */
package org.prognos.inference.tenant;
