package org.prognos.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.prognos.models.signing.KeyFiles;

/**
 * The demo's fresh API keys and the file it leaves them in, {@code api-keys.env}: a shell environment file that
 * {@code prognos serve} reads as it is, because it sets {@code PROGNOS_API_KEYS} (the variable serve takes its keys
 * from) beside {@code SCORE_KEY} and {@code ADMIN_KEY} (what the printed curl examples send):
 * <pre>
 * set -a; . prognos-demo/api-keys.env; set +a
 * prognos serve --registry prognos-demo/registry --trust prognos-demo/keys/demo.pub
 * curl -H "Authorization: Bearer $SCORE_KEY" ...
 * </pre>
 *
 * @param score a key of the {@code score} role
 * @param admin a key of the {@code admin} role
 */
record DemoApiKeys(String score, String admin) {
    /** The variable {@code prognos serve} reads its keys from (the service config's default {@code auth.keysEnv}). */
    static final String SERVE_VARIABLE = "PROGNOS_API_KEYS";

    /** New keys for this run: 96 random bits each, prefixed by their role. */
    static DemoApiKeys fresh() {
        return new DemoApiKeys("score-" + randomHex(), "admin-" + randomHex());
    }

    /** The service's environment: {@code PROGNOS_API_KEYS=admin:KEY,score:KEY}. */
    Map<String, String> serviceEnvironment() {
        return Map.of(SERVE_VARIABLE, "admin:" + admin + ",score:" + score);
    }

    /** Writes {@code file}; the demo's service starts with exactly the keys this file gives {@code serve}. */
    void write(Path file) throws IOException {
        Files.writeString(file, "# prognos demo API keys (this run only). To serve with them yourself:\n"
                + "#   set -a; . " + file + "; set +a\n"
                + "#   prognos serve --registry " + file.resolveSibling("registry") + " --trust " + file.resolveSibling("keys")
                .resolve(DemoModels.DEMO_KEY + KeyFiles.PUBLIC_SUFFIX) + " --data-dir " + file.resolveSibling("state") + "\n"
                + SERVE_VARIABLE + "=" + serviceEnvironment().get(SERVE_VARIABLE) + "\n"
                + "SCORE_KEY=" + score + "\n"
                + "ADMIN_KEY=" + admin + "\n");
    }

    private static String randomHex() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
