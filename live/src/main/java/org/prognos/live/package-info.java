/**
 * The live fleet's vocabulary, free of any transport or runtime: what devices send (decoded messages), how topics
 * name assets, and when an asset's alert opens and closes. The scoring service runs it over MQTT; batch and stream
 * jobs on Spark or Flink reuse the same classes.
 */
package org.prognos.live;
