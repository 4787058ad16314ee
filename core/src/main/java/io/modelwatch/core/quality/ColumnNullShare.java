package io.modelwatch.core.quality;

/**
 * The null share of one present feature or role column, whether or not it is within budget.
 *
 * @param column    column name
 * @param nullCount empty cells plus cells that did not parse
 * @param share     {@code nullCount / rowCount} (0 for an empty batch)
 * @param budget    the feature's null budget, or {@code null} for a role column (no budget)
 */
public record ColumnNullShare(String column, long nullCount, double share, Double budget) {
}
