/**
 * Training targets from failure logs: failure within a horizon (binary or per component) and remaining useful
 * life with an optional cap. Both are computed per asset from the rows' times, and both say how they treat
 * right-censored rows — assets whose data ends before the answer is known.
 */
package org.prognos.features.labels;
