/**
 * Statistics for reporting and comparing results: per-cell summaries with Student-t intervals, bootstrap
 * intervals over queries, paired tests (t, Wilcoxon signed-rank), Holm's step-down correction and the
 * Friedman test with Nemenyi critical differences (Demšar 2006). The only package of metric-eval that
 * uses Apache Commons Math (for the t, normal, chi-squared and F distributions).
 */
package org.metriclab.eval.stats;
