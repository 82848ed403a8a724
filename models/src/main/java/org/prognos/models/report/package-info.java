/**
 * Chart rendering shared by the reports written about models: JFreeChart charts as inline SVG.
 */
package org.prognos.models.report;
