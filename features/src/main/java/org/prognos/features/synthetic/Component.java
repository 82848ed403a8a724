package org.prognos.features.synthetic;

/**
 * A replaceable part of a network element. Each has a hidden degradation state; its code is what failure and
 * maintenance events carry, and it raises its own alarms as it wears.
 */
public enum Component {
    /** The transmit laser: bias current rises and optical power drops; raises {@code LOS}. */
    LASER("laser") {
        @Override
        AlarmCode alarm(double u) {
            return AlarmCode.LOS;
        }
    },
    /** The cooling fan: rpm drops and gets noisier, temperature rises; raises {@code FAN_FAIL}, {@code HIGH_TEMP}. */
    FAN("fan") {
        @Override
        AlarmCode alarm(double u) {
            return u < 0.7 ? AlarmCode.FAN_FAIL : AlarmCode.HIGH_TEMP;
        }
    },
    /** The power supply: noisy temperature and CPU spikes; raises {@code PSU_FAULT}, {@code HIGH_TEMP}. */
    PSU("psu") {
        @Override
        AlarmCode alarm(double u) {
            return u < 0.5 ? AlarmCode.PSU_FAULT : AlarmCode.HIGH_TEMP;
        }
    },
    /** The optical/RF amplifier: SNR drops, corrected then uncorrected FEC counts rise; raises {@code FEC_DEGRADE}. */
    AMPLIFIER("amplifier") {
        @Override
        AlarmCode alarm(double u) {
            return AlarmCode.FEC_DEGRADE;
        }
    };

    private final String code;

    Component(String code) {
        this.code = code;
    }

    /** The code used in failure and maintenance events, e.g. {@code laser}. */
    public String code() {
        return code;
    }

    /** The alarm this component raises, picked with the uniform draw {@code u} in [0, 1). */
    abstract AlarmCode alarm(double u);
}
