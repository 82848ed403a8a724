package org.prognos.features.extract;

import org.prognos.features.window.WindowBlock;

/**
 * One window block of the plan: the window, the spec channels (by index) that read it, in block position
 * order, and the aggregates ({@link WindowBlock} flags) their statistics need. Each asset state makes its
 * own block from it.
 *
 * @param samples    the count of a count window, 0 for a span window
 * @param span       the span in ticks of a span window, 0 for a count window
 * @param maxSamples the most readings a span window may hold
 * @param slopeUnit  ticks per unit of the slope's time axis
 */
record BlockPlan(String window, int samples, long span, int[] channels, int flags, int maxSamples, double slopeUnit) {
    BlockPlan {
        channels = channels.clone();
    }

    /** An empty block for one asset. */
    WindowBlock newBlock() {
        return samples > 0 ? WindowBlock.bySamples(samples, channels.length, flags, slopeUnit)
                : WindowBlock.bySpan(span, maxSamples, channels.length, flags, slopeUnit);
    }

    /** The position of spec channel {@code channel} in this block. */
    int position(int channel) {
        for (int i = 0; i < channels.length; i++) {
            if (channels[i] == channel) {
                return i;
            }
        }
        throw new IllegalStateException("channel " + channel + " not in the block of window " + window);
    }
}
