/**
 * The at-risk report ({@code prognos report}): {@link org.prognos.inference.report.FleetScan} runs a dataset through the
 * streaming state the service keeps per asset, {@link org.prognos.inference.report.FleetReport} scores every asset
 * with the model runtime's {@code Scorer} (the service's scorer), ranks the fleet, explains the top assets and compares
 * with a previous report, and writes {@code report.csv}, {@code report.json} (schema in {@code inference/REPORT.md})
 * and {@code report.html}, which {@link org.prognos.inference.report.ReportPage} renders from
 * {@code at-risk.mustache} and {@code at-risk.css} through the {@code reports} module (templates and charts).
 * No HTTP: {@code prognos report} and the demo call it.
 */
package org.prognos.inference.report;
