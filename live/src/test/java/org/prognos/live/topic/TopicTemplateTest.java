package org.prognos.live.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.prognos.PrognosException;

class TopicTemplateTest {
    @Test
    void theAssetLevelBecomesAWildcardAndIsReadBack() {
        TopicTemplate t = TopicTemplate.parse("fleet/{asset}/telemetry");
        assertEquals("fleet/+/telemetry", t.filter());
        assertEquals(Optional.of("machine-7"), t.match("fleet/machine-7/telemetry"));
        assertEquals(Optional.empty(), t.match("fleet/machine-7/events"));
        assertEquals(Optional.empty(), t.match("fleet/machine-7/telemetry/extra"));
        assertEquals(Optional.empty(), t.match("fleet/machine-7"));
        assertEquals(Optional.empty(), t.match("fleet//telemetry"));
        assertEquals("fleet/m1/telemetry", t.topicOf("m1"));
    }

    @Test
    void plusAndHashMatchAsInMqtt() {
        TopicTemplate t = TopicTemplate.parse("site/+/{asset}/#");
        assertEquals("site/+/+/#", t.filter());
        assertEquals(Optional.of("pump-3"), t.match("site/north/pump-3/a/b"));
        assertEquals(Optional.of("pump-3"), t.match("site/north/pump-3"));
        assertEquals(Optional.empty(), t.match("other/north/pump-3"));
        assertTrue(TopicTemplate.parse("spBv1.0/plant/+/+/+").match("spBv1.0/plant/DDATA/gw/pump").isPresent());
    }

    @Test
    void badTemplatesAreRefusedWithTheReason() {
        assertTrue(assertThrows(PrognosException.class, () -> TopicTemplate.parse("a/{asset}/{asset}")).getMessage().contains("twice"));
        assertTrue(assertThrows(PrognosException.class, () -> TopicTemplate.parse("a/#/b")).getMessage().contains("last"));
        assertTrue(assertThrows(PrognosException.class, () -> TopicTemplate.parse("a/x{asset}")).getMessage().contains("mixes"));
        assertThrows(PrognosException.class, () -> TopicTemplate.parse(""));
    }
}
