package org.prognos.inference.tenant;

import java.util.regex.Pattern;
import org.prognos.inference.InvalidRequestException;

/**
 * An asset namespace: the same asset id in two tenants names two assets. Every API key belongs to one tenant (its key
 * file line's {@code tenant=}, else {@link #DEFAULT}), and so does every MQTT subscription; a caller sees, feeds,
 * scores, resets and deletes only its own tenant's assets and alerts.
 *
 * @param name 1 to 64 letters, digits, {@code .}, {@code _} or {@code -}, starting with a letter or digit; never
 *             {@value AssetKey#SEPARATOR}, which separates it from the asset in an {@link AssetKey}'s id
 */
public record Tenant(String name) {
    /** Tenant names. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** The tenant of keys and subscriptions that name none: its asset ids are stored bare, as before tenants existed. */
    public static final Tenant DEFAULT = new Tenant("default");

    public Tenant {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidRequestException("tenant " + (name == null ? "(none)" : "'" + AssetKey.abbreviate(name) + "'")
                    + " is not allowed: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    /** The tenant named {@code name}. */
    public static Tenant of(String name) {
        return DEFAULT.name.equals(name) ? DEFAULT : new Tenant(name);
    }

    /** Whether this is the {@link #DEFAULT} tenant. */
    public boolean isDefault() {
        return DEFAULT.name.equals(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
