package org.prognos.features.synthetic;

import java.util.Arrays;
import java.util.List;

/**
 * The telemetry channels of a synthetic fleet, in column order. The first two are operating settings (they
 * define the regime and shift every other channel's baseline); the rest are sensor readings. Each channel
 * has a fixed resolution: generated values are rounded to {@link #decimals()} places, in memory and in files
 * alike, so a file read back equals the in-memory stream.
 */
public enum Channel {
    /** Traffic load of the element, percent of capacity (operating setting). */
    LOAD_PCT("load_pct", 1),
    /** Ambient (room or cabinet) temperature in °C (operating setting). */
    AMBIENT_C("ambient_c", 1),
    /** Board temperature in °C; rises when the fan degrades and spikes when the PSU does. */
    TEMPERATURE("temperature", 2),
    /** Laser bias current in mA; rises as the laser ages (the control loop compensates lost efficiency). */
    LASER_BIAS_MA("laser_bias_ma", 2),
    /** Transmitted optical power in dBm; drops as the laser degrades, collapses on loss of signal. */
    OPTICAL_POWER_DBM("optical_power_dbm", 2),
    /** Signal-to-noise ratio in dB; drops as the amplifier degrades. */
    SNR_DB("snr_db", 2),
    /** Codewords corrected by forward error correction during the interval (a count). */
    FEC_CORRECTED("fec_corrected", 0),
    /** Codewords FEC could not correct during the interval (a count); rises once the SNR margin is gone. */
    FEC_UNCORRECTED("fec_uncorrected", 0),
    /** Fan speed in rpm; drops and gets noisier as the fan wears, near zero once it has failed. */
    FAN_RPM("fan_rpm", 0),
    /** CPU load in percent; follows traffic, spikes with a failing power supply. */
    CPU_PCT("cpu_pct", 1);

    private static final List<Channel> ALL = List.of(values());
    private static final List<String> COLUMNS = Arrays.stream(values()).map(Channel::column).toList();

    private final String column;
    private final int decimals;

    Channel(String column, int decimals) {
        this.column = column;
        this.decimals = decimals;
    }

    /** The column name in files and in {@code TelemetrySource#channels()}. */
    public String column() {
        return column;
    }

    /** Decimal places the channel is reported with (0 for counts and rpm). */
    public int decimals() {
        return decimals;
    }

    /** Every channel, in column order. */
    public static List<Channel> all() {
        return ALL;
    }

    /** Every column name, in column order. */
    public static List<String> columns() {
        return COLUMNS;
    }
}
