/**
 * The keyed scoring step: {@link org.prognos.flink.score.AssetWindow} (one device message, flat enough for Flink's
 * serializers), {@link org.prognos.flink.score.AssetScoring} (feature state, scoring and alert rule per asset) and
 * what it emits ({@link org.prognos.flink.score.ScoreRow}, {@link org.prognos.flink.score.AlertEvent}). No source, sink
 * or transport here.
 */
package org.prognos.flink.score;
