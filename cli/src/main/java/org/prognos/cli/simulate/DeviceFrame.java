package org.prognos.cli.simulate;

import java.util.Map;
import java.util.Objects;
import org.prognos.features.telemetry.Event;

/**
 * One message a simulated device sends: a run of consecutive readings of one asset with the events since its previous
 * message, a message of events only (events after its last reading), and on first contact its attributes and event
 * history. Times are shifted by {@code shift} ticks on laps after the first, so a looping replay keeps moving forward.
 *
 * @param asset        the device
 * @param firstReading index of the first reading in {@code asset}
 * @param readingCount number of readings (0 for a message of events only)
 * @param firstEvent   index of the first event in {@code asset.events()}
 * @param eventCount   number of events
 * @param time         when the device sends it, in data time: its last reading's time, or its events' time (shifted)
 * @param shift        ticks added to every time of the lap
 * @param firstContact whether this is the asset's first message of the replay (it carries the attributes)
 */
public record DeviceFrame(AssetSeries asset, int firstReading, int readingCount, int firstEvent, int eventCount, long time,
                          long shift, boolean firstContact) {
    public DeviceFrame {
        Objects.requireNonNull(asset, "asset");
        if (readingCount < 0 || eventCount < 0 || readingCount + eventCount == 0) {
            throw new IllegalArgumentException("a message holds readings or events: " + readingCount + " readings, "
                    + eventCount + " events");
        }
    }

    /** The time of reading {@code i} of this message (0-based), shifted. */
    public long readingTime(int i) {
        return asset.time(firstReading + i) + shift;
    }

    /** The value of {@code channel} in reading {@code i} of this message; NaN when missing. */
    public double value(int i, int channel) {
        return asset.value(firstReading + i, channel);
    }

    /** Event {@code i} of this message, with the dataset's time (see {@link #eventTime}). */
    public Event event(int i) {
        return asset.events().get(firstEvent + i);
    }

    /** The time of event {@code i} of this message, shifted. */
    public long eventTime(int i) {
        return event(i).time() + shift;
    }

    /**
     * Whether this is the asset's last message of its lap: its last reading sent, and every event of the replay up to
     * its end (the events after its last reading go in messages of their own, the last of which is this).
     */
    public boolean lastOfLap() {
        return firstReading + readingCount == asset.size() && firstEvent + eventCount == asset.events().size();
    }

    /** The attributes to send: the asset's on first contact, else none. */
    public Map<String, String> attributes() {
        return firstContact ? asset.attributes() : Map.of();
    }
}
