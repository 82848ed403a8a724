/**
 * The reports' charts. {@link org.prognos.reports.chart.InlineSvg} draws a JFreeChart chart into an inline
 * {@code <svg>} element with Apache Batik's SVG generator (deterministic ids, no prolog, no external reference);
 * {@link org.prognos.reports.chart.SvgCharts} builds the evaluation charts of the training report (lines, points,
 * bars; models solid, baselines dashed) and {@link org.prognos.reports.chart.FleetCharts} those of the at-risk report
 * (assets per band, an asset's risk and its driving sensors over time). Charts take plain numbers and names, never a
 * model or an evaluation type, so this package depends on nothing else in Prognos. This is the only place JFreeChart
 * and Batik are used.
 */
package org.prognos.reports.chart;
