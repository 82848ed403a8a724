package org.prognos.inference.drift;

/**
 * Told what each periodic evaluation found, for every served model (the alert feed turns a run of drifted
 * evaluations into one alert, and the return to stable into its closing). Called on the evaluating thread; no I/O
 * beyond what the listener's own machinery does.
 */
@FunctionalInterface
public interface DriftListener {
    /** One model's drift as just evaluated. */
    void evaluated(ModelDrift drift);
}
