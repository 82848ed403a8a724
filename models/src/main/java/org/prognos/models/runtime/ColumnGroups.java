package org.prognos.models.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which sensor (input channel) or other source each feature column comes from, so explanations can be given per
 * sensor. A column belongs to the channel whose name, followed by {@code _}, starts the column name (the longest
 * such channel: the spec names window, EWMA, difference, sequence and spectral columns {@code channel_...});
 * event counts and times since events belong to {@code events}, the elapsed time to {@code age}, and static
 * attributes to {@code attributes}.
 */
public final class ColumnGroups {
    /** Group of event counts and times since maintenance, failures or alarms. */
    public static final String EVENTS = "events";
    /** Group of static attribute columns. */
    public static final String ATTRIBUTES = "attributes";
    /** Group of the elapsed-time column. */
    public static final String AGE = "age";

    private final List<String> names;
    private final int[][] members;
    private final List<String> channelOfColumn;
    private final boolean[] isSensor;

    private ColumnGroups(List<String> names, int[][] members, List<String> channelOfColumn, boolean[] isSensor) {
        this.names = names;
        this.members = members;
        this.channelOfColumn = channelOfColumn;
        this.isSensor = isSensor;
    }

    /** The groups of {@code columns}, computed from the spec's {@code channels}. */
    public static ColumnGroups of(List<String> channels, List<String> columns) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (String ch : channels) {
            groups.put(ch, new ArrayList<>());
        }
        List<String> channelOf = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            String col = columns.get(c);
            String best = null;
            for (String ch : channels) {
                if (col.startsWith(ch + "_") && (best == null || ch.length() > best.length())) {
                    best = ch;
                }
            }
            channelOf.add(best);
            String group = best != null ? best
                    : col.startsWith("since_") || col.contains("_count_") ? EVENTS
                    : col.equals("elapsed") ? AGE : ATTRIBUTES;
            groups.computeIfAbsent(group, k -> new ArrayList<>()).add(c);
        }
        groups.values().removeIf(List::isEmpty);
        List<String> names = List.copyOf(groups.keySet());
        int[][] members = groups.values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        boolean[] sensor = new boolean[names.size()];
        for (int g = 0; g < sensor.length; g++) {
            sensor[g] = channels.contains(names.get(g));
        }
        return new ColumnGroups(names, members, Collections.unmodifiableList(channelOf), sensor);
    }

    /** Group names, sensors first in channel order. */
    public List<String> names() {
        return names;
    }

    /** Number of groups. */
    public int size() {
        return names.size();
    }

    /** The column indexes of group {@code g} (no copy: do not modify). */
    int[] members(int g) {
        return members[g];
    }

    /** A copy of the columns of group {@code g}. */
    public int[] columnsOf(int g) {
        return members[g].clone();
    }

    /** Whether group {@code g} is an input channel (a sensor). */
    public boolean isSensor(int g) {
        return isSensor[g];
    }

    /** The channel of each column, or null for columns not computed from one channel. */
    List<String> channelOfColumn() {
        return channelOfColumn;
    }
}
