package io.modelwatch.core.synth;

import java.util.Arrays;
import java.util.Locale;

/** What changes in a generated current day relative to the reference process. */
public enum Scenario {
    /** Same process as the reference: no drift, no concept change. */
    STABLE,
    /**
     * A wave of new customers: {@code account_age} shifts down sharply, and these new customers churn
     * more than the model expects, so recall drops.
     */
    DRIFT,
    /** Feature distributions unchanged, but a driver the model does not see raises churn: recall drops. */
    CONCEPT,
    /** Only the Month-to-month segment degrades: its customers churn for a reason the model misses. */
    SEGMENT,
    /** Feature distributions shift (account_age and monthly_charges) but the model stays right. */
    COVARIATE,
    /**
     * Drift hidden inside a segment: {@code monthly_charges} rises by {@link ChurnDataGenerator#MASKED_SHIFT} for
     * One-year customers only (21 % of rows), so the whole batch's test, diluted by the other contracts, stays below
     * its threshold while the test inside the One-year segment does not.
     */
    MASKED;

    public static Scenario parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("scenario must be one of "
                    + Arrays.toString(values()).toLowerCase(Locale.ROOT) + ", got '" + text + "'");
        }
    }
}
