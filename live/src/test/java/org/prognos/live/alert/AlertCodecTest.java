package org.prognos.live.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Alert bytes round-trip with their drivers' labels, and bytes of the first layout (written here field by field, as
 * format 1 laid them out, before drivers had labels) still decode, each driver labelled by its column. SYNTHETIC
 * alert: the layout is what is tested.
 */
class AlertCodecTest {
    private static final DataTime FIRST = new DataTime(1_000, "2015-12-01 03:00:00");
    private static final DataTime OPENED = new DataTime(3_000, "2015-12-01 05:00:00");

    private static Alert alert(List<Driver> drivers) {
        return new Alert("id-1", "machine-55", "azure-24h", 3, Direction.HIGH_IS_BAD, 0.3, 0.41, 0.41, Optional.of("comp2"),
                drivers, new Outlook.Anomaly(0.41), FIRST, OPENED, Optional.empty());
    }

    @Test
    void an_alert_and_a_tracker_state_round_trip_with_their_drivers_labels() {
        Alert a = alert(List.of(new Driver("since_maint_comp2", "days since comp2 replaced", 0.21),
                new Driver("vibration_mean_24h", "vibration, 24 h mean", 0.06)));
        assertEquals(a, AlertCodec.decodeAlert(AlertCodec.encode(a)));
        AlertTracker.State s = new AlertTracker.State("machine-55", "azure-24h", OptionalLong.of(7), 2, Optional.empty(),
                Optional.of(a));
        assertEquals(s, AlertCodec.decodeState(AlertCodec.encode(s)));
    }

    @Test
    void bytes_of_the_first_layout_decode_with_drivers_labelled_by_their_columns() {
        byte[] old = bytes(out -> {
            out.writeByte(AlertCodec.UNLABELLED);
            out.writeUTF("id-1");
            out.writeUTF("machine-55");
            out.writeUTF("azure-24h");
            out.writeInt(3);
            out.writeByte(Direction.HIGH_IS_BAD.ordinal());
            out.writeDouble(0.3);
            out.writeDouble(0.41);
            out.writeDouble(0.41);
            out.writeBoolean(true);
            out.writeUTF("comp2");
            out.writeInt(1);
            out.writeUTF("since_maint_comp2");
            out.writeDouble(0.21);
            out.writeByte(3);                 // the anomaly outlook's tag
            out.writeDouble(0.41);
            out.writeLong(FIRST.tick());
            out.writeUTF(FIRST.text());
            out.writeLong(OPENED.tick());
            out.writeUTF(OPENED.text());
            out.writeBoolean(false);
        });
        assertEquals(alert(List.of(Driver.unlabelled("since_maint_comp2", 0.21))), AlertCodec.decodeAlert(old));
        assertEquals("since_maint_comp2", AlertCodec.decodeAlert(old).drivers().get(0).label());
    }

    @Test
    void an_unknown_format_is_refused_naming_the_ones_read() {
        byte[] b = AlertCodec.encode(alert(List.of()));
        b[0] = 9;
        RuntimeException e = assertThrows(RuntimeException.class, () -> AlertCodec.decodeAlert(b));
        assertTrue(e.getMessage().contains("unknown format 9 (this version reads formats 1 to 2)"), e.getMessage());
    }

    private interface Writing {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] bytes(Writing w) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buf)) {
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }
}
