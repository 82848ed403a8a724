package org.prognos.inference;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * The {@code auth} section of the service config: API keys. Keys come from {@code keysFile} (one
 * {@code role key [tenant=NAME] [name=LABEL]} per line, {@code #} comments) and from the environment variable
 * {@code keysEnv} (the same entries separated by commas, e.g. {@code admin:KEY,score:KEY tenant=acme}); roles are
 * {@code score}, {@code operate} (also acknowledges alerts) and {@code admin} (everything). A key acts in its tenant's
 * assets (the {@code default} tenant when none is named); its name labels it in metrics and logs (see
 * {@code security.ApiKeys}). Its own file because it says where keys come from and when serving without them is
 * allowed, not only bounds.
 *
 * @param enabled  false serves without keys: the service then refuses to start on an address other than
 *                 loopback unless {@code insecure} says that is meant, and logs a warning whenever it runs
 * @param keysFile a key file, or null
 * @param keysEnv  the environment variable holding keys ({@code PROGNOS_API_KEYS})
 * @param insecure true allows serving without keys on a non-loopback address (a network that is trusted as a
 *                 whole); false by default ({@code prognos serve --insecure} sets it)
 */
public record AuthConfig(boolean enabled, String keysFile, String keysEnv, boolean insecure) {
    /** Settings without the insecure override. */
    public AuthConfig(boolean enabled, String keysFile, String keysEnv) {
        this(enabled, keysFile, keysEnv, false);
    }

    @JsonCreator
    static AuthConfig of(@JsonProperty("enabled") Boolean enabled, @JsonProperty("keysFile") String keysFile,
                         @JsonProperty("keysEnv") String keysEnv, @JsonProperty("insecure") Boolean insecure) {
        return new AuthConfig(enabled == null || enabled, keysFile, keysEnv == null ? "PROGNOS_API_KEYS" : keysEnv,
                insecure != null && insecure);
    }

    public static AuthConfig defaults() {
        return new AuthConfig(true, null, "PROGNOS_API_KEYS");
    }

    /** Serving without keys. */
    public static AuthConfig disabled() {
        return new AuthConfig(false, null, "PROGNOS_API_KEYS");
    }

    /** These settings, allowing (or not) serving without keys on a non-loopback address. */
    public AuthConfig withInsecure(boolean allowed) {
        return new AuthConfig(enabled, keysFile, keysEnv, allowed);
    }

    public Optional<String> keysFileOpt() {
        return Optional.ofNullable(keysFile);
    }
}
