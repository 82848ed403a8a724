package org.prognos.features.synthetic;

/** Alarm codes a synthetic network element raises; the code of an {@code ALARM} event is the constant's name. */
public enum AlarmCode {
    /** Loss of signal: the laser's output is low or gone. */
    LOS,
    /** Board temperature over threshold (fan or power supply trouble, or just a hot day). */
    HIGH_TEMP,
    /** FEC error rate over threshold: the amplifier's SNR margin is shrinking. */
    FEC_DEGRADE,
    /** The fan tachometer reports a slow or stalled fan. */
    FAN_FAIL,
    /** The power supply reports a voltage excursion. */
    PSU_FAULT
}
