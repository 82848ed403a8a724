/**
 * The at-risk report ({@code prognos report}): {@link org.prognos.inference.report.ReportInput} scans a dataset through the
 * streaming state the service keeps per asset (the features library's {@code FleetScan}), or reads the scans a Spark
 * job wrote with that same class ({@code prognos report --scans}), {@link org.prognos.inference.report.FleetReport} scores every asset
 * with the model runtime's {@code Scorer} (the service's scorer), ranks the fleet and explains every asset, naming its
 * {@link org.prognos.inference.report.Driver drivers} by the labels the feature spec gives its columns, so the table,
 * the asset's section, the CSV and the JSON show the same ones. Each {@link org.prognos.inference.report.ReportRow}
 * carries the asset's component at risk, its {@link org.prognos.inference.report.AssetFacts attributes and last
 * maintenance} and the {@link org.prognos.inference.report.Action action} the
 * {@link org.prognos.inference.report.ReportActions action table} gives it;
 * {@link org.prognos.inference.report.ReportChanges} compares with a previous report (risk then and now, the driver
 * that moved it). {@link org.prognos.inference.report.ReportFiles} writes {@code report.csv} and {@code report.json}
 * (schema in {@code inference/REPORT.md}); {@link org.prognos.inference.report.ReportPage} renders {@code report.html}
 * from {@code at-risk.mustache}, {@code at-risk.css} and {@code at-risk.js}, with
 * {@link org.prognos.inference.report.AssetCharts}' charts, through the {@code reports} module (templates and charts).
 * No HTTP: {@code prognos report} and the demo call it.
 */
package org.prognos.inference.report;
