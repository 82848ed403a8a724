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
import org.prognos.inference.security.Role;
import org.prognos.live.alert.AlertRule;

/** The {@code alerts} section of the service config, and the {@code operate} role of API keys. */
class AlertConfigTest {
    @TempDir
    Path dir;

    InvalidConfigException refused(String yaml) throws IOException {
        Path f = dir.resolve("service.yaml");
        Files.writeString(f, yaml);
        return assertThrows(InvalidConfigException.class, () -> ServiceConfig.read(f));
    }

    @Test
    void an_alerts_section_sets_the_rule_and_webhooks_and_leaves_defaults() throws IOException {
        Path f = dir.resolve("service.yaml");
        Files.writeString(f, """
                alerts:
                  consecutive: 2
                  webhooks:
                    - {name: ops, url: "https://hooks.example.com/prognos", secretEnv: OPS_SECRET}
                    - name: pager
                      url: http://pager.internal:8080/in
                      secretFile: /etc/prognos/pager.secret
                      maxAttempts: 5
                      initialBackoffSeconds: 0.5
                      maxBackoffSeconds: 60
                      timeoutSeconds: 3
                """);
        AlertsConfig a = ServiceConfig.read(f).alerts();
        assertEquals(new AlertRule(2, 0.2), a.rule());
        assertEquals(2, a.deliveryThreads());
        assertEquals(new AlertsConfig.Webhook("ops", "https://hooks.example.com/prognos", null, "OPS_SECRET", 12, 1, 300, 10),
                a.webhooks().get(0));
        assertEquals(new AlertsConfig.Webhook("pager", "http://pager.internal:8080/in", "/etc/prognos/pager.secret", null, 5,
                0.5, 60, 3), a.webhooks().get(1));
        assertEquals(AlertsConfig.defaults(), ServiceConfig.defaults().alerts());
        assertEquals(List.of(), ServiceConfig.defaults().alerts().webhooks());
    }

    @Test
    void bad_alert_settings_are_refused_with_the_field_named() throws IOException {
        assertTrue(refused("alerts: {consecutive: 0}").getMessage().endsWith("'alerts.consecutive' must be between 1 and 1000, found 0"));
        assertTrue(refused("alerts: {hysteresis: 1}").getMessage().endsWith("'alerts.hysteresis' must be at least 0 and below 1, found 1.0"));
        assertTrue(refused("alerts: {deliveryThreads: 0}").getMessage().endsWith("'alerts.deliveryThreads' must be positive, found 0.0"));
        assertTrue(refused("alerts: {retries: 3}").getMessage().contains("unknown key 'retries' in 'alerts'"));
        String twice = "alerts: {webhooks: [{name: a, url: 'http://h/x', secretEnv: S}, {name: a, url: 'http://h/y', secretEnv: S}]}";
        assertTrue(refused(twice).getMessage().endsWith("'alerts.webhooks' names the webhook 'a' twice; names must be unique"));
        String badUrl = refused("alerts: {webhooks: [{name: a, url: 'ftp://h/x?token=abc', secretEnv: S}]}").getMessage();
        assertTrue(badUrl.endsWith("webhook 'a': 'url' must be an absolute http or https URL with a host (not repeated here: it may"
                + " hold a token)"), badUrl);
        assertFalse(badUrl.contains("token=abc"), "the URL is not echoed");
        assertTrue(refused("alerts: {webhooks: [{name: a, url: 'http://h/x'}]}").getMessage()
                .endsWith("webhook 'a': give exactly one of 'secretFile' and 'secretEnv' (the signing secret; it never goes in this file)"));
        assertTrue(refused("alerts: {webhooks: [{name: a, url: 'http://h/x', secretEnv: S, secretFile: f}]}").getMessage()
                .contains("give exactly one of 'secretFile' and 'secretEnv'"));
        assertTrue(refused("alerts: {webhooks: [{name: a, url: 'http://h/x', secretEnv: S, maxAttempts: 0}]}").getMessage()
                .endsWith("webhook 'a': 'maxAttempts' must be between 1 and 100, found 0"));
        assertTrue(refused("alerts: {webhooks: [{name: a, url: 'http://h/x', secretEnv: S, maxBackoffSeconds: 0.1}]}").getMessage()
                .endsWith("webhook 'a': 'maxBackoffSeconds' (0.1) must be at least 'initialBackoffSeconds' (1.0)"));
        assertTrue(refused("alerts: {webhooks: [{name: 'a b', url: 'http://h/x', secretEnv: S}]}").getMessage()
                .contains("a webhook's 'name' must be 1 to 64 letters, digits, '.', '_' or '-'"));
    }

    @Test
    void operate_keys_acknowledge_alerts_and_score_but_do_not_reload() throws IOException {
        Path f = dir.resolve("keys.txt");
        Files.writeString(f, "operate 0123456789abcdef-operate\n");
        ApiKeys keys = ApiKeys.load(new AuthConfig(true, f.toString(), "KEYS"), Map.of("KEYS", "operate:env-key-0123456789ab"));
        assertEquals(Optional.of(Role.OPERATE), keys.roleOf("0123456789abcdef-operate"));
        assertEquals(Optional.of(Role.OPERATE), keys.roleOf("env-key-0123456789ab"));
        assertTrue(Role.OPERATE.grants(Role.SCORE) && Role.OPERATE.grants(Role.OPERATE));
        assertFalse(Role.OPERATE.grants(Role.ADMIN));
        assertTrue(Role.ADMIN.grants(Role.OPERATE));
        assertFalse(Role.SCORE.grants(Role.OPERATE));
        Files.writeString(f, "root 0123456789abcdef0123\n");
        var e = assertThrows(ApiKeys.KeyFileException.class, () -> ApiKeys.load(new AuthConfig(true, f.toString(), "K"), Map.of()));
        assertTrue(e.getMessage().endsWith("unknown role 'root'; roles are score, operate and admin"), e.getMessage());
    }
}
