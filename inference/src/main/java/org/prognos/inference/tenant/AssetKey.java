package org.prognos.inference.tenant;

import java.util.regex.Pattern;
import org.prognos.inference.InvalidRequestException;

/**
 * An asset within its tenant, and the one string that names it inside the service: its {@link #id()}, the key of its
 * streaming state, its durable journal and snapshots, and the {@code asset} of its alerts.
 *
 * <p>The id is {@code tenant/asset}, except in the {@link Tenant#DEFAULT default} tenant, whose ids are the bare asset
 * id: state written before tenants existed, MQTT topics and alert consumers keep working unchanged. The separator
 * {@value #SEPARATOR} can appear in neither a tenant name nor an asset id (see {@link #ASSET_NAME}), so an id parses
 * back to exactly one key, and no asset of one tenant can be named so as to reach another's: {@code default} is never
 * written as a prefix, and a bare id cannot hold {@value #SEPARATOR}.
 *
 * @param tenant the namespace
 * @param asset  the asset id as its tenant names it (in URLs, topics and answers)
 */
public record AssetKey(Tenant tenant, String asset) {
    /** Asset ids: one safe token, as they appear in URLs, topics and logs. */
    public static final Pattern ASSET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    /** Between tenant and asset in an {@link #id()}; in neither alphabet. */
    public static final char SEPARATOR = '/';

    public AssetKey {
        if (tenant == null) {
            throw new IllegalArgumentException("an asset key needs a tenant");
        }
        if (asset == null || !ASSET_NAME.matcher(asset).matches()) {
            throw new InvalidRequestException("asset id " + (asset == null ? "(none)" : "'" + abbreviate(asset) + "'")
                    + " is not allowed: use 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
        }
    }

    /** {@code asset} of the default tenant. */
    public static AssetKey of(String asset) {
        return new AssetKey(Tenant.DEFAULT, asset);
    }

    /** {@code asset} of {@code tenant}. */
    public static AssetKey of(Tenant tenant, String asset) {
        return new AssetKey(tenant, asset);
    }

    /** The service's id of this asset: {@code tenant/asset}, or the bare asset id in the default tenant. */
    public String id() {
        return tenant.isDefault() ? asset : tenant.name() + SEPARATOR + asset;
    }

    /**
     * The key an {@link #id()} names.
     *
     * @throws IllegalArgumentException when {@code id} is not one (it was not written by this class)
     */
    public static AssetKey parse(String id) {
        int sep = id.indexOf(SEPARATOR);
        AssetKey key;
        try {
            key = sep < 0 ? of(id) : new AssetKey(Tenant.of(id.substring(0, sep)), id.substring(sep + 1));
        } catch (InvalidRequestException e) {
            throw new IllegalArgumentException("'" + abbreviate(id) + "' is not an asset id: " + e.getMessage(), e);
        }
        if (!key.id().equals(id)) {
            throw new IllegalArgumentException("'" + abbreviate(id) + "' is not an asset id: the default tenant's ids are bare");
        }
        return key;
    }

    /** The tenant name of an {@link #id()}, without parsing the asset. */
    public static String tenantOf(String id) {
        int sep = id.indexOf(SEPARATOR);
        return sep < 0 ? Tenant.DEFAULT.name() : id.substring(0, sep);
    }

    /** Whether the asset of {@code id} belongs to {@code tenant}. */
    public static boolean belongsTo(String id, Tenant tenant) {
        int sep = id.indexOf(SEPARATOR);
        return tenant.isDefault() ? sep < 0 : sep == tenant.name().length() && id.startsWith(tenant.name());
    }

    /** The asset id of an {@link #id()} as its tenant names it. */
    public static String assetOf(String id) {
        return id.substring(id.indexOf(SEPARATOR) + 1);
    }

    @Override
    public String toString() {
        return id();
    }

    /** {@code s} cut to 40 characters with non-printing characters masked, for a message. */
    static String abbreviate(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return t.replaceAll("[^\\x20-\\x7e…]", "?");
    }
}
