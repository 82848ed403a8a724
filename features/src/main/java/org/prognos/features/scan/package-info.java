/**
 * A fleet's history reduced to what an at-risk report needs of each asset ({@link org.prognos.features.scan.AssetScan}):
 * the feature vector at the scoring time through the same {@link org.prognos.features.extract.AssetState} the service
 * keeps, one vector per recent day for the risk history, the last raw readings for the sensor trends, and the asset's
 * attributes and recent events. {@link org.prognos.features.scan.FleetScan} computes it from a dataset on one machine,
 * and the Spark job runs the same class on each asset's group inside its partitions; {@link
 * org.prognos.features.scan.ScanJson} is the one text form both write and {@code prognos report --scans} reads, so a
 * report over a fleet scanned on a cluster ranks and explains exactly as one scanned here. A model that scores each
 * row against the asset's past needs more than the latest window: the scan then carries what its scorer computed over
 * the asset's whole stream in the same pass ({@link org.prognos.features.scan.StreamScores}; numbers only, their
 * meaning is the scorer's).
 */
package org.prognos.features.scan;
