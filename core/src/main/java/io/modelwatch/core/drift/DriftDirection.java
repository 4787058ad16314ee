package io.modelwatch.core.drift;

/**
 * How a drift score is compared with its threshold. Evidently mixes {@code <} and {@code <=}
 * (and {@code >=} and {@code >}) between tests, so each test states its rule explicitly.
 * A NaN score is never drift.
 */
public enum DriftDirection {
    /** Drift when {@code p < threshold} (a p-value; most hypothesis tests). */
    P_VALUE_BELOW("p < threshold"),
    /** Drift when {@code p <= threshold} (ks, cramer_von_mises). */
    P_VALUE_AT_OR_BELOW("p <= threshold"),
    /** Drift when {@code score >= threshold} (psi, kl_div, jensenshannon, hellinger, wasserstein). */
    SCORE_AT_OR_ABOVE("score >= threshold"),
    /** Drift when {@code score > threshold} (ed, the one strict distance). */
    SCORE_ABOVE("score > threshold");

    private final String rule;

    DriftDirection(String rule) {
        this.rule = rule;
    }

    /** The rule as text, for reports and Javadoc. */
    public String rule() {
        return rule;
    }

    /** True when this score, compared with this threshold under this rule, means drift. */
    public boolean drifted(double score, double threshold) {
        if (Double.isNaN(score)) {
            return false;
        }
        return switch (this) {
            case P_VALUE_BELOW -> score < threshold;
            case P_VALUE_AT_OR_BELOW -> score <= threshold;
            case SCORE_AT_OR_ABOVE -> score >= threshold;
            case SCORE_ABOVE -> score > threshold;
        };
    }
}
