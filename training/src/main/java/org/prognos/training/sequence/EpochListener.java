package org.prognos.training.sequence;

/**
 * Told about every finished epoch (the CLI draws its progress bar from these). Called on the training thread;
 * keep it quick.
 */
@FunctionalInterface
public interface EpochListener {
    /** Ignores every report. */
    EpochListener NONE = report -> { };

    /** One epoch of one network finished. */
    void epochFinished(EpochReport report);
}
