package io.modelwatch.core.quality;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * What {@link DataQualityChecker} found in one batch. Immutable; serialises to JSON with Jackson
 * (including {@code passed}, which is ignored when reading back).
 *
 * @param source     the file or table the batch came from
 * @param rowCount   number of data rows checked
 * @param nullShares the null share of every present feature and role column
 * @param findings   the problems, in check order: columns, parsing, nulls, ranges and categories, ids
 */
@JsonIgnoreProperties(value = "passed", allowGetters = true)
public record QualityReport(String source, int rowCount, List<ColumnNullShare> nullShares,
                            List<QualityFinding> findings) {

    /** Example rows kept per finding. */
    public static final int MAX_EXAMPLES = 5;

    /** Distinct unknown categories kept per finding. */
    public static final int MAX_VALUES = 20;

    public QualityReport {
        nullShares = List.copyOf(nullShares);
        findings = List.copyOf(findings);
    }

    /** True when no finding has severity {@code HIGH}; {@code MEDIUM} and {@code LOW} findings are warnings. */
    @JsonProperty("passed")
    public boolean passed() {
        return findings.stream().noneMatch(f -> "HIGH".equals(f.severity()));
    }

    /** The findings of one kind. */
    public List<QualityFinding> findings(QualityFinding.Kind kind) {
        return findings.stream().filter(f -> f.kind() == kind).toList();
    }
}
