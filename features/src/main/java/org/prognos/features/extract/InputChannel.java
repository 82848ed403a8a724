package org.prognos.features.extract;

/** A spec channel a feature group reads: its name (for column names) and its index in the spec's channel list. */
record InputChannel(String name, int index) {
}
