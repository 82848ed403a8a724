package org.prognos.models.anomaly;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.OptionalDouble;

/**
 * A fitted anomaly detector: how far a scaled feature row (see {@link ColumnScaling}) is from the normal rows it was
 * fitted on. A closed set, one case per family; each case scores rows itself and is stored in the
 * {@code anomaly-json} payload under its family name.
 *
 * <p>Every case gives a raw score of at least 0 (0 is "exactly like normal"; larger is more anomalous; the scale is
 * the family's own, which {@link ScoreCalibration} removes) and writes each column's contribution, the contributions
 * summing to the raw score, so that they can be added up per sensor. Scoring is a pure function of the row: the same
 * row gives the same bits in batch and in streaming.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "family")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PcaDetector.class, name = "pca"),
    @JsonSubTypes.Type(value = NeighbourDetector.class, name = "knn"),
    @JsonSubTypes.Type(value = ZScoreDetector.class, name = "zscore"),
    @JsonSubTypes.Type(value = IsolationForestDetector.class, name = "isolation-forest"),
    @JsonSubTypes.Type(value = AutoencoderDetector.class, name = "autoencoder")})
public sealed interface Detector
        permits PcaDetector, NeighbourDetector, ZScoreDetector, IsolationForestDetector, AutoencoderDetector {

    /** The family name, as a job config and the bundle's task write it. */
    @JsonIgnore
    String family();

    /** The number of scaled columns a row has. */
    @JsonIgnore
    int width();

    /**
     * The raw score of the scaled row {@code z} (length {@link #width()}); writes each column's contribution into
     * {@code contributions} (same length), summing to the returned score.
     */
    double score(double[] z, double[] contributions);

    /**
     * The highest raw score this detector can give any row, or empty where the score is unbounded (a distance or an
     * error that grows with the row). Where present, no row scores above it, so a calibration threshold above it means
     * the rows this detector scores can never alarm. Exact where computing it exactly is cheap; otherwise an upper bound,
     * never a value some row exceeds. Found from the fitted detector itself, never by probing rows.
     */
    @JsonIgnore
    OptionalDouble ceiling();
}
