/**
 * The one home of Prognos's HTML reports: the training report ({@code prognos-training}) and the at-risk report
 * ({@code prognos-inference}) both render here. A report's owner prepares a small view model of records with the text
 * and numbers already formatted; a Mustache {@link org.prognos.reports.Template} kept beside the owner's classes lays
 * it out, escaping every value with {@link org.prognos.reports.Html#escape}; its style sheet is a resource file and its
 * charts come from {@link org.prognos.reports.chart}. The reports are self-contained (CSS and SVG inline, nothing
 * loaded from elsewhere) because they are mailed, archived in bundles and opened offline.
 *
 * <p>This module knows no model, trainer or HTTP type: it depends on the template engine and the chart libraries
 * only, and it is the only module that does.
 */
package org.prognos.reports;
