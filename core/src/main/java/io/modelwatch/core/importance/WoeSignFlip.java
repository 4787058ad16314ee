package io.modelwatch.core.importance;

/**
 * A bin whose smoothed Weight of Evidence changed sign between the reference and the current data: the bin
 * used to point towards non-churn and now points towards churn, or the reverse.
 *
 * @param label        the bin label
 * @param interval     the numeric interval, or null
 * @param referenceWoe smoothed WoE in the reference
 * @param currentWoe   smoothed WoE in the current data
 */
public record WoeSignFlip(String label, String interval, double referenceWoe, double currentWoe) {
}
