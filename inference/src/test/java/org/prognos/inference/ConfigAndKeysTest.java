package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.security.ApiKeys;
import org.prognos.inference.security.Caller;
import org.prognos.inference.security.Role;
import org.prognos.inference.tenant.Tenant;

/** The service config file and the API key sources. */
class ConfigAndKeysTest {
    @TempDir
    Path dir;

    @Test
    void yaml_config_sets_fields_and_leaves_defaults() throws IOException {
        Path f = dir.resolve("service.yaml");
        Files.writeString(f, "port: 8080\nmodels: [pump@production, azure-24h:3]\nlimits:\n  maxBodyBytes: 2048\n"
                + "state:\n  maxAssets: 50\nreload:\n  pollSeconds: 0\nauth:\n  keysFile: keys.txt\n");
        ServiceConfig c = ServiceConfig.read(f);
        assertEquals(8080, c.port());
        assertEquals(List.of("pump@production", "azure-24h:3"), c.models());
        assertEquals(2048, c.limits().maxBodyBytes());
        assertEquals(32, c.limits().maxJsonDepth());
        assertEquals(50, c.state().maxAssets());
        assertEquals(48 * 3600, c.state().idleTimeoutSeconds());
        assertEquals(0, c.reload().pollSeconds());
        assertEquals("keys.txt", c.auth().keysFile());
        assertTrue(c.auth().enabled());
        assertFalse(c.tls().enabled());
        assertEquals(ServiceConfig.defaults().threads(), c.threads());
    }

    @Test
    void json_config_with_an_unknown_field_names_it() throws IOException {
        Path f = dir.resolve("service.json");
        Files.writeString(f, "{\"port\": 1, \"limits\": {\"maxBody\": 3}}");
        var e = assertThrows(InvalidConfigException.class, () -> ServiceConfig.read(f));
        assertTrue(e.getMessage().contains("line 1, column 24: unknown key 'maxBody' in 'limits'; valid keys: maxArrayLength,"
                + " maxBatchAssets, maxBodyBytes,"), e.getMessage());
        Files.writeString(f, "{\"port\": 70000}");
        e = assertThrows(InvalidConfigException.class, () -> ServiceConfig.read(f));
        assertTrue(e.getMessage().contains("'port' must be between 0 and 65535, found 70000"), e.getMessage());
        Files.writeString(f, "{\"models\": [\"../etc\"]}");
        assertThrows(RuntimeException.class, () -> ServiceConfig.read(f));
    }

    @Test
    void the_sections_in_their_own_files_read_from_yaml_and_a_bad_value_names_the_file_and_the_field() throws IOException {
        Path f = dir.resolve("service.yaml");
        Files.writeString(f, "state: {maxAssets: 7, dataDir: /tmp/s}\nquotas: {requestsPerSecond: 5}\nauth: {insecure: true}\n");
        ServiceConfig c = ServiceConfig.read(f);
        assertEquals(new StateConfig(7, StateConfig.DEFAULT_MAX_BYTES, 48 * 3600, 60, "/tmp/s", 512, 30), c.state());
        assertEquals(new QuotasConfig(5, 0, 2, 32, 1.0), c.quotas());
        assertEquals(AuthConfig.defaults().withInsecure(true), c.auth());
        Files.writeString(f, "quotas:\n  tenantShare: 2\n");
        var e = assertThrows(InvalidConfigException.class, () -> ServiceConfig.read(f));
        assertTrue(e.getMessage().startsWith(f.toAbsolutePath() + " at 'quotas': 'quotas.tenantShare' must be in (0, 1], found 2.0"),
                e.getMessage());
        Files.writeString(f, "state:\n  snapshotEvery: 0\n");
        e = assertThrows(InvalidConfigException.class, () -> ServiceConfig.read(f));
        assertTrue(e.getMessage().contains(" at 'state': 'state.snapshotEvery' must be positive, found 0.0"), e.getMessage());
        Files.writeString(f, "auth:\n  keyfile: k\n");
        e = assertThrows(InvalidConfigException.class, () -> ServiceConfig.read(f));
        assertTrue(e.getMessage().contains("unknown key 'keyfile' in 'auth'"), e.getMessage());
    }

    @Test
    void keys_come_from_a_file_and_the_environment_with_roles() throws IOException {
        Path f = dir.resolve("keys.txt");
        Files.writeString(f, "# operators\nadmin 0123456789abcdef-admin\n\nscore:0123456789abcdef-score\n");
        ApiKeys keys = ApiKeys.load(new AuthConfig(true, f.toString(), "KEYS"), Map.of("KEYS", "score:env-key-0123456789ab"));
        assertEquals(3, keys.size());
        assertEquals(Optional.of(Role.ADMIN), keys.roleOf("0123456789abcdef-admin"));
        assertEquals(Optional.of(Role.SCORE), keys.roleOf("0123456789abcdef-score"));
        assertEquals(Optional.of(Role.SCORE), keys.roleOf("env-key-0123456789ab"));
        assertEquals(Optional.empty(), keys.roleOf("0123456789abcdef-admiN"));
        assertTrue(Role.ADMIN.grants(Role.SCORE));
        assertFalse(Role.SCORE.grants(Role.ADMIN));
    }

    @Test
    void short_keys_unknown_roles_and_no_keys_are_refused_without_echoing_the_key() throws IOException {
        Path f = dir.resolve("keys.txt");
        Files.writeString(f, "admin short\n");
        var e = assertThrows(ApiKeys.KeyFileException.class, () -> ApiKeys.load(new AuthConfig(true, f.toString(), "K"), Map.of()));
        assertEquals(f + ":1: a key must be at least 16 characters", e.getMessage());
        Files.writeString(f, "root 0123456789abcdef0123\n");
        e = assertThrows(ApiKeys.KeyFileException.class, () -> ApiKeys.load(new AuthConfig(true, f.toString(), "K"), Map.of()));
        assertTrue(e.getMessage().contains("unknown role 'root'") && !e.getMessage().contains("0123456789abcdef0123"));
        e = assertThrows(ApiKeys.KeyFileException.class, () -> ApiKeys.load(AuthConfig.defaults(), Map.of()));
        assertTrue(e.getMessage().startsWith("no API keys"), e.getMessage());
        assertFalse(ApiKeys.load(AuthConfig.disabled(), Map.of()).enabled());
    }

    @Test
    void a_key_line_may_name_its_tenant_and_its_label_and_lines_without_them_keep_their_meaning() throws IOException {
        Path f = dir.resolve("keys.txt");
        Files.writeString(f, "score 0123456789abcdef-acme tenant=acme name=dashboard\n"
                + "operate:0123456789abcdef-ops   name=ops-tools\n"
                + "admin 0123456789abcdef-admin\n");
        ApiKeys keys = ApiKeys.load(new AuthConfig(true, f.toString(), "KEYS"),
                Map.of("KEYS", "score:env-key-0123456789ab tenant=globex, admin:env-admin-0123456789"));
        assertEquals(5, keys.size());
        assertEquals(Optional.of(new Caller("dashboard", Role.SCORE, Tenant.of("acme"))), keys.callerOf("0123456789abcdef-acme"));
        assertEquals(Optional.of(new Caller("ops-tools", Role.OPERATE, Tenant.DEFAULT)), keys.callerOf("0123456789abcdef-ops"));
        Caller admin = keys.callerOf("0123456789abcdef-admin").orElseThrow();
        assertEquals(Tenant.DEFAULT, admin.tenant(), "no tenant: the default one");
        assertTrue(admin.label().matches("key-[0-9a-f]{8}"), "no name: a digest prefix, never the key: " + admin.label());
        assertEquals(Tenant.of("globex"), keys.callerOf("env-key-0123456789ab").orElseThrow().tenant());
        assertEquals(Role.ADMIN, keys.callerOf("env-admin-0123456789").orElseThrow().role());
        assertEquals(Optional.empty(), keys.callerOf("0123456789abcdef-acme tenant=acme"));
    }

    @Test
    void a_bad_attribute_or_tenant_is_refused_naming_the_line_but_not_the_key() throws IOException {
        Path f = dir.resolve("keys.txt");
        for (String line : List.of("score 0123456789abcdef-acme tenent=acme", "score 0123456789abcdef-acme secondhalf",
                "score 0123456789abcdef-acme tenant=a/b", "score 0123456789abcdef-acme name=", "score 0123456789abcdef-acme name=a b",
                "score 0123456789abcdef-acme tenant=a tenant=b")) {
            Files.writeString(f, "# keys\n" + line + "\n");
            var e = assertThrows(ApiKeys.KeyFileException.class, () -> ApiKeys.load(new AuthConfig(true, f.toString(), "K"),
                    Map.of()), line);
            assertTrue(e.getMessage().startsWith(f + ":2: "), e.getMessage());
            assertFalse(e.getMessage().contains("0123456789abcdef") || e.getMessage().contains("secondhalf"), e.getMessage());
        }
    }

    @Test
    void a_subscription_may_name_its_tenant() throws IOException {
        Path f = dir.resolve("service.yaml");
        Files.writeString(f, "mqtt:\n  url: tcp://broker:1883\n  subscriptions:\n    - topic: acme/{asset}/telemetry\n"
                + "      model: pump\n      tenant: acme\n    - topic: fleet/{asset}/telemetry\n");
        ServiceConfig c = ServiceConfig.read(f);
        assertEquals("acme", c.mqtt().subscriptions().get(0).tenant());
        assertEquals(null, c.mqtt().subscriptions().get(1).tenant());
        Files.writeString(f, "mqtt:\n  url: tcp://broker:1883\n  subscriptions:\n    - topic: a/{asset}\n      tenant: a/b\n");
        var e = assertThrows(InvalidConfigException.class, () -> ServiceConfig.read(f));
        assertTrue(e.getMessage().contains("'mqtt.subscriptions[].tenant'"), e.getMessage());
    }
}
