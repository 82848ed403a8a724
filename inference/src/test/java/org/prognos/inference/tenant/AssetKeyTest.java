package org.prognos.inference.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prognos.inference.InvalidRequestException;

/** Asset ids within tenants: the default tenant's are bare, others' prefixed, and every id parses back to its key. */
class AssetKeyTest {
    @Test
    void the_default_tenant_keeps_bare_ids_and_others_are_prefixed_with_a_separator_no_name_holds() {
        assertEquals("pump-1", AssetKey.of("pump-1").id());
        assertEquals("pump-1", AssetKey.of(Tenant.of("default"), "pump-1").id());
        assertEquals("acme/pump-1", AssetKey.of(Tenant.of("acme"), "pump-1").id());
        assertEquals("acme/engine:7", AssetKey.of(Tenant.of("acme"), "engine:7").id(), "':' is an asset character, not the separator");
        for (AssetKey k : List.of(AssetKey.of("a"), AssetKey.of(Tenant.of("acme"), "pump-1"), AssetKey.of(Tenant.of("x.y_z-1"), "m:1.2"))) {
            assertEquals(k, AssetKey.parse(k.id()));
            assertEquals(k.tenant().name(), AssetKey.tenantOf(k.id()));
            assertEquals(k.asset(), AssetKey.assetOf(k.id()));
            assertTrue(AssetKey.belongsTo(k.id(), k.tenant()));
        }
        assertFalse(AssetKey.belongsTo("acme/pump-1", Tenant.DEFAULT));
        assertFalse(AssetKey.belongsTo("pump-1", Tenant.of("acme")));
        assertFalse(AssetKey.belongsTo("acmex/pump-1", Tenant.of("acme")));
        assertFalse(AssetKey.belongsTo("acme/pump-1", Tenant.of("acmex")));
    }

    @Test
    void no_asset_id_or_tenant_name_can_reach_into_another_tenant() {
        for (String bad : List.of("acme/pump-1", "../x", "", "-a", "a b", "a\u0000b", "é")) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> AssetKey.of(bad), bad);
            assertTrue(e.getMessage().startsWith("asset id"), e.getMessage());
        }
        for (String bad : List.of("a/b", "", "-x", "x y", "a".repeat(65))) {
            assertThrows(InvalidRequestException.class, () -> Tenant.of(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> AssetKey.parse("acme/b/c"));
        assertThrows(IllegalArgumentException.class, () -> AssetKey.parse("default/pump"), "never written: default ids are bare");
    }
}
