/**
 * The keyed scoring step: {@link org.prognos.flink.score.AssetWindow} (one device message, flat enough for Flink's
 * serializers), {@link org.prognos.flink.score.AssetScoring} (the keyed operator: feature state, scoring and alert
 * rule per asset, its decoded states cached per task), {@link org.prognos.flink.score.WindowScorer} (one message's
 * steps, whatever holds the state) and what it emits ({@link org.prognos.flink.score.ScoreRow},
 * {@link org.prognos.flink.score.AlertEvent}). No source, sink or transport here.
 */
package org.prognos.flink.score;
