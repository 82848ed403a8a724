package org.prognos.live.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AssetMappingTest {

    @Test
    void by_default_a_device_is_its_device_id_and_a_node_its_node_id() {
        assertEquals("pump-17", AssetMapping.DEFAULT.device("plant", "gw-3", "pump-17"));
        assertEquals("gw-3", AssetMapping.DEFAULT.node("plant", "gw-3"));
    }

    @Test
    void templates_fill_each_placeholder_once() {
        AssetMapping mapping = new AssetMapping("{group}/{node}/{device}", "{group}/{node}");

        assertEquals("plant/gw-3/pump-17", mapping.device("plant", "gw-3", "pump-17"));
        assertEquals("a{node}/gw-3", mapping.node("a{node}", "gw-3"));
        assertEquals("x$1/gw", mapping.node("x$1", "gw"));
    }

    @Test
    void a_template_with_an_unknown_placeholder_is_refused() {
        IllegalArgumentException device = assertThrows(IllegalArgumentException.class,
                () -> new AssetMapping("{site}-{device}", "{node}"));
        IllegalArgumentException node = assertThrows(IllegalArgumentException.class,
                () -> new AssetMapping("{device}", "{node}-{device}"));

        assertTrue(device.getMessage().contains("unknown placeholder {site}"), device.getMessage());
        assertTrue(node.getMessage().contains("a node has no {device}"), node.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AssetMapping(" ", "{node}"));
    }
}
