package org.prognos.features.extract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.WindowConfig;
import org.prognos.features.telemetry.TimeAxis;

/**
 * The window blocks of a plan: one per window that some group reads, in order of first use, each holding
 * the channels that read it (in order of first use) and the union of the aggregates they need. A window
 * read by several groups is kept once per asset.
 */
final class BlockLayout {
    private final List<BlockPlan> blocks;

    private BlockLayout(List<BlockPlan> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    List<BlockPlan> blocks() {
        return blocks;
    }

    /** The index of the block of {@code window}. */
    int index(String window) {
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).window().equals(window)) {
                return i;
            }
        }
        throw new IllegalStateException("no block for window " + window);
    }

    /** The position of spec channel {@code channel} in block {@code block}. */
    int position(int block, int channel) {
        return blocks.get(block).position(channel);
    }

    /** Collects the uses of windows by groups ({@link GroupPlan#useBlocks}). */
    static final class Builder {
        private final Map<String, List<Integer>> channels = new LinkedHashMap<>();
        private final Map<String, Integer> flags = new LinkedHashMap<>();

        /** Spec channel {@code channel} reads {@code window} and needs the aggregates {@code f}. */
        void use(String window, int channel, int f) {
            List<Integer> l = channels.computeIfAbsent(window, k -> new ArrayList<>());
            if (!l.contains(channel)) {
                l.add(channel);
            }
            flags.merge(window, f, (a, b) -> a | b);
        }

        /**
         * The layout, with span windows in ticks of {@code axis}. Each block is built once here, so a window
         * a block cannot hold fails when the spec is compiled, not at the first reading.
         */
        BlockLayout build(FeatureSpec spec, TimeAxis axis, int maxSamples, double slopeUnit) {
            List<BlockPlan> blocks = new ArrayList<>();
            for (var e : channels.entrySet()) {
                WindowConfig wc = GroupCompiler.window(spec, e.getKey(), "windows");
                long span = wc.span() == null ? 0 : GroupCompiler.parseSpan(axis, wc.span(), "windows." + e.getKey() + ".span");
                BlockPlan block = new BlockPlan(e.getKey(), wc.samples() == null ? 0 : wc.samples(), span,
                        e.getValue().stream().mapToInt(Integer::intValue).toArray(), flags.get(e.getKey()), maxSamples, slopeUnit);
                block.newBlock();
                blocks.add(block);
            }
            return new BlockLayout(blocks);
        }
    }
}
