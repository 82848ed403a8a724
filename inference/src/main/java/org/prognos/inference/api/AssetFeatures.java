package org.prognos.inference.api;

import java.util.Map;
import org.prognos.models.runtime.answer.ModelRef;

/**
 * An asset's current feature vector, as its model would score it now: what a reliability engineer reads to see why
 * an asset scores as it does, and what the durability tests compare after a crash.
 *
 * @param asset    the asset id
 * @param model    the model whose spec built the features
 * @param time     the evaluation time (just after the asset's last reading)
 * @param readings readings the state has seen
 * @param features feature name to value, in the model's column order ({@code null}: missing)
 */
public record AssetFeatures(String asset, ModelRef model, String time, long readings, Map<String, Double> features) {
}
