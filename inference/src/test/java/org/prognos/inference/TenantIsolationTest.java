package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prognos.inference.alerts.Scores.feed;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.alerts.AlertService;
import org.prognos.inference.security.ApiKeys;
import org.prognos.inference.security.Caller;
import org.prognos.inference.security.Role;
import org.prognos.inference.server.Server;
import org.prognos.inference.tenant.Tenant;
import org.prognos.models.TestModels;
import org.prognos.models.predict.Predictors;

/**
 * Tenants on a real server: the same asset id in two tenants is two assets, and neither tenant can read, list,
 * acknowledge, evict or poison the other's; an admin key may act in another tenant by name, no other key may.
 */
class TenantIsolationTest {
    static final String ACME = "acme-score-key-0123456789abcdef";
    static final String ACME_OPS = "acme-operate-key-0123456789abcdef";
    static final String GLOBEX = "globex-score-key-0123456789abcdef";
    static final String GLOBEX_OPS = "globex-operate-key-0123456789abcdef";
    static final String DEFAULT = "default-score-key-0123456789abcdef";
    static final String ADMIN = "default-admin-key-0123456789abcdef";

    @TempDir
    static Path registry;
    static Server server;
    static String acmeAlert;
    static String globexAlert;

    static ApiKeys keys() {
        return ApiKeys.ofCallers(Map.of(
                ACME, new Caller("acme-dashboard", Role.SCORE, Tenant.of("acme")),
                ACME_OPS, new Caller("acme-ops", Role.OPERATE, Tenant.of("acme")),
                GLOBEX, new Caller("globex-dashboard", Role.SCORE, Tenant.of("globex")),
                GLOBEX_OPS, new Caller("globex-ops", Role.OPERATE, Tenant.of("globex")),
                DEFAULT, new Caller("plant", Role.SCORE, Tenant.DEFAULT),
                ADMIN, new Caller("admin", Role.ADMIN, Tenant.DEFAULT)));
    }

    @BeforeAll
    static void start() {
        TestModels.pumpRegistry(registry);
        server = Server.start(registry, TestServers.config(), keys(), Predictors.standard());
        AlertService alerts = server.services().alerts();
        acmeAlert = feed(alerts, "acme/pump-1", 0, 0.5, 0.5, 0.5).get(0).alert().id();
        globexAlert = feed(alerts, "globex/pump-1", 0, 0.6, 0.6, 0.6).get(0).alert().id();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Http as(String key) {
        return new Http(server.port()).withKey(key);
    }

    static List<Map<String, Object>> readings(int from, int to, double temp) {
        return PumpReadings.cycles(from, to, temp);
    }

    @Test
    void the_same_asset_id_in_two_tenants_is_two_assets_each_read_only_by_its_own() {
        assertEquals(200, as(ACME).post("/v1/assets/shared-7/readings?model=pump", Map.of("readings", readings(1, 9, 55))).status());
        Http.Response g = as(GLOBEX).post("/v1/assets/shared-7/readings?model=pump", Map.of("readings", readings(1, 4, 70)));
        assertEquals(200, g.status(), g.body());
        assertEquals("shared-7", g.json().at("/asset").asText(), "answers name the asset as the tenant does");
        assertEquals(4, g.json().at("/readings").asInt(), "globex's shared-7 starts empty: " + g.body());

        JsonNode acme = as(ACME).get("/v1/assets/shared-7/features").json();
        assertEquals(9, acme.at("/readings").asInt());
        assertEquals("shared-7", acme.at("/asset").asText());
        assertEquals(4, as(GLOBEX).get("/v1/assets/shared-7/features").json().at("/readings").asInt());
        assertEquals("shared-7", as(GLOBEX).get("/v1/assets/shared-7/score").json().at("/asset").asText());
        assertEquals(404, as(DEFAULT).get("/v1/assets/shared-7/score").status(), "the default tenant has no shared-7");
        assertEquals(400, as(GLOBEX).post("/v1/assets/shared-7/readings?model=pump", Map.of("readings", readings(3, 3, 70))).status(),
                "globex's own order is kept");
        assertEquals(200, as(GLOBEX).post("/v1/assets/shared-7/readings?model=pump", Map.of("readings", readings(5, 5, 70))).status(),
                "acme's later readings do not hold globex's back");
    }

    @Test
    void a_key_may_name_only_its_own_tenant_and_an_admin_any() {
        as(ACME).post("/v1/assets/named/readings?model=pump", Map.of("readings", readings(1, 3, 55)));
        assertEquals(200, as(ACME).get("/v1/assets/named/features?tenant=acme").status());
        Http.Response denied = as(ACME).get("/v1/assets/named/features?tenant=globex");
        assertEquals(403, denied.status());
        assertTrue(denied.json().at("/detail").asText().contains("only an admin key"), denied.body());
        assertEquals(403, as(GLOBEX).get("/v1/fleet/at-risk?tenant=acme").status());
        assertEquals(404, as(ADMIN).get("/v1/assets/named/features").status(), "an admin acts in its own tenant by default");
        assertEquals(3, as(ADMIN).get("/v1/assets/named/features?tenant=acme").json().at("/readings").asInt());
        assertEquals(400, as(ADMIN).get("/v1/assets/named/features?tenant=a%2Fb").status());
    }

    @Test
    void the_at_risk_list_ranks_only_the_callers_tenant() {
        as(ACME).post("/v1/assets/ranked-a/readings?model=pump", Map.of("readings", readings(1, 6, 75)));
        as(GLOBEX).post("/v1/assets/ranked-g/readings?model=pump", Map.of("readings", readings(1, 6, 75)));
        JsonNode acme = as(ACME).get("/v1/fleet/at-risk?limit=1000").json();
        List<String> names = acme.at("/assets").findValuesAsText("asset");
        assertTrue(names.contains("ranked-a") && !names.contains("ranked-g"), acme.toString());
        assertTrue(names.stream().noneMatch(n -> n.contains("/")), "no tenant prefix leaks: " + names);
        assertEquals(names.size(), acme.at("/tracked").asInt(), "tracked counts the tenant's assets only");
        List<String> globex = as(GLOBEX).get("/v1/fleet/at-risk?limit=1000").json().at("/assets").findValuesAsText("asset");
        assertTrue(globex.contains("ranked-g") && !globex.contains("ranked-a"), globex.toString());
        assertEquals(names, as(ADMIN).get("/v1/fleet/at-risk?limit=1000&tenant=acme").json().at("/assets").findValuesAsText("asset"));
    }

    @Test
    void alerts_are_listed_shown_and_acknowledged_only_within_their_tenant() {
        JsonNode acme = as(ACME).get("/v1/alerts?state=all").json();
        assertEquals(List.of(acmeAlert), acme.at("/alerts").findValuesAsText("id"));
        assertEquals("pump-1", acme.at("/alerts/0/asset").asText(), "named as the tenant names it");
        assertEquals(List.of(acmeAlert), as(ACME).get("/v1/alerts?state=all&asset=pump-1").json().at("/alerts").findValuesAsText("id"));
        assertEquals(List.of(globexAlert), as(GLOBEX).get("/v1/alerts").json().at("/alerts").findValuesAsText("id"));
        assertEquals(List.of(), as(DEFAULT).get("/v1/alerts?state=all").json().at("/alerts").findValuesAsText("id"));
        assertEquals(List.of(globexAlert), as(ADMIN).get("/v1/alerts?tenant=globex").json().at("/alerts").findValuesAsText("id"));

        assertEquals(404, as(ACME).get("/v1/alerts/" + globexAlert).status(), "another tenant's alert is no alert");
        assertEquals("pump-1", as(ACME).get("/v1/alerts/" + acmeAlert).json().at("/asset").asText());
        assertEquals(404, as(ACME_OPS).post("/v1/alerts/" + globexAlert + "/ack", "").status());
        assertTrue(as(GLOBEX).get("/v1/alerts/" + globexAlert).json().at("/acknowledged").isMissingNode(), "not acknowledged");
        Http.Response acked = as(GLOBEX_OPS).post("/v1/alerts/" + globexAlert + "/ack", Map.of("note", "ours"));
        assertEquals(200, acked.status(), acked.body());
        assertEquals("pump-1", acked.json().at("/asset").asText());
    }

    @Test
    void a_tenant_flooding_made_up_assets_evicts_only_its_own() {
        // each tenant may hold half of 120 kB; a pump asset holds about 2 kB
        ServiceConfig config = TestServers.config().withState(new StateConfig(Integer.MAX_VALUE, 120_000, 48 * 3600, 60,
                null, 512, 30)).withQuotas(new QuotasConfig(0, 0, 2, 32, 0.5));
        try (Server s = Server.start(registry, config, keys(), Predictors.standard())) {
            Http acme = new Http(s.port()).withKey(ACME);
            Http globex = new Http(s.port()).withKey(GLOBEX);
            for (int i = 0; i < 5; i++) {
                assertEquals(200, acme.post("/v1/assets/real-" + i + "/readings?model=pump", Map.of("readings", readings(1, 9, 55))).status());
            }
            long bytes = 0;
            for (int i = 0; i < 300; i++) {
                Http.Response r = globex.post("/v1/assets/fake-" + i + "/readings?model=pump", Map.of("readings", readings(1, 9, 55)));
                assertEquals(200, r.status(), r.body());
                bytes = r.json().at("/stateBytes").asLong();
            }
            assertTrue(bytes > 0 && 300 * bytes > 60_000, "the flood is larger than a tenant's share: " + bytes + " bytes an asset");
            for (int i = 0; i < 5; i++) {
                assertEquals(9, acme.get("/v1/assets/real-" + i + "/features").json().at("/readings").asInt(), "acme's assets stay");
            }
            assertEquals(404, globex.get("/v1/assets/fake-0/features").status(), "the flood evicted its own first assets");
            assertEquals(200, globex.get("/v1/assets/fake-299/features").status());
            int tracked = globex.get("/v1/fleet/at-risk").json().at("/tracked").asInt();
            assertTrue(tracked < 300 && tracked * bytes <= 60_000, "globex holds at most its share: " + tracked + " assets");
            assertEquals(5, acme.get("/v1/fleet/at-risk").json().at("/tracked").asInt());
            assertTrue(acme.withKey(null).get("/metrics").body().contains("prognos_asset_states_evicted_total{reason=\"tenant_share\"}"));
        }
    }
}
