package org.prognos.training.sequence;

/**
 * One finished epoch of one network, for progress display: losses are the mean squared error on the scaled target
 * (remaining life / scale), the validation RMSE is in the task's unit (cycles).
 *
 * @param member         which network of the ensemble, from 1
 * @param members        how many networks the ensemble trains
 * @param epoch          the epoch, from 1
 * @param maxEpochs      the most epochs this network may run
 * @param trainLoss      mean minibatch loss over the epoch (with dropout and the L2 penalty)
 * @param validationLoss loss on the validation assets' rows, without dropout, outputs clipped to [0, 1] as served
 * @param validationRmse root mean squared error on the validation rows, in the target's unit
 * @param bestEpoch      the epoch with the lowest validation loss so far (its weights are kept)
 * @param seconds        time the epoch took, validation included
 * @param stopping       whether this is the network's last epoch: it stops early here (no better validation loss for
 *                       {@code patience} epochs) or reached {@code maxEpochs}
 */
public record EpochReport(int member, int members, int epoch, int maxEpochs, double trainLoss, double validationLoss,
                          double validationRmse, int bestEpoch, double seconds, boolean stopping) {
    /** Whether this epoch improved on every earlier one. */
    public boolean improved() {
        return bestEpoch == epoch;
    }
}
