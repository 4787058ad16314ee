package io.modelwatch.core.run;

import io.modelwatch.core.result.SegmentFeatureDrift;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.config.SegmentDriftSettings;
import io.modelwatch.core.config.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The masked-drift alert: one per feature that drifts inside a segment (after the Benjamini–Hochberg adjustment over
 * all segment × feature tests) while the whole batch does not drift on it, at {@code drift.within_segments.severity}
 * ({@code NONE}: no alert).
 */
public final class MaskedDriftAlerts {

    /** The rule name of the alert (and of its metric rows' category). */
    public static final String RULE = "masked-drift";
    public static final String CATEGORY = "segment_drift";

    private MaskedDriftAlerts() {
    }

    public static List<Alert> of(List<SegmentFeatureDrift> drifts, SegmentDriftSettings settings) {
        List<Alert> alerts = new ArrayList<>();
        if (settings.severity().severity().isEmpty()) {
            return alerts;
        }
        Severity severity = settings.severity().severity().get();
        for (SegmentFeatureDrift d : drifts) {
            if (!d.masked()) {
                continue;
            }
            String evidence = d.adjustedPValue() != null
                    ? String.format(Locale.ROOT, "%s adjusted p = %.3g <= q = %s", d.method(), d.adjustedPValue(),
                    settings.fdrQ())
                    : String.format(Locale.ROOT, "%s = %.3g above %s", d.method(), d.score(), d.threshold());
            String psi = d.psi() == null ? "" : String.format(Locale.ROOT, ", PSI %.3f", d.psi());
            alerts.add(new Alert(severity, RULE, CATEGORY, d.method(), d.column(), d.key(),
                    d.adjustedPValue() != null ? d.adjustedPValue() : d.score(),
                    d.adjustedPValue() != null ? settings.fdrQ() : d.threshold(), false,
                    "'" + d.column() + "' drifted inside segment " + d.key() + " (" + evidence + psi + ", "
                            + d.currentRows() + " rows) while the whole batch shows no drift on it"));
        }
        return alerts;
    }
}
