package io.modelwatch.core.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.core.importance.WoeIvResult;
import io.modelwatch.core.performance.ClassificationReport;
import io.modelwatch.core.run.SegmentRow;
import io.modelwatch.core.report.Json;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Everything a run needs from the reference data, computed once by
 * {@link io.modelwatch.core.run.MonitoringPipeline#profile} and stored: per column the sorted values or
 * category counts and the frozen PSI bins; the baseline classification metrics, churn rate, per-segment
 * recall and WoE/IV. Serialised as gzip-compressed JSON ({@link #toBytes()}); {@link #FORMAT_VERSION} guards
 * against reading a profile written by an incompatible version.
 *
 * @param formatVersion      {@link #FORMAT_VERSION}
 * @param source             where the reference came from
 * @param rows               reference rows
 * @param columns            feature profiles by name, in config order
 * @param prediction         profile of the predicted probability
 * @param performance        baseline classification quality, {@code null} without reference labels
 * @param churnRate          reference churn rate, {@code null} without labels
 * @param predictedRate      reference predicted positive rate
 * @param segments           baseline segment quality (including per-segment probability bins)
 * @param segmentPredictionBins per segment key, the PSI bins of the predicted probability within that segment
 * @param woe                baseline WoE/IV per feature (with labels)
 * @param estimator          the performance estimator calibrated on the reference (with labels), else {@code null}
 */
public record ReferenceProfile(int formatVersion, String source, long rows, Map<String, ColumnProfile> columns,
                               ColumnProfile prediction, ClassificationReport performance, Double churnRate,
                               Double predictedRate, List<SegmentRow> segments,
                               Map<String, io.modelwatch.core.stability.PsiBins> segmentPredictionBins,
                               Map<String, WoeIvResult> woe,
                               io.modelwatch.core.estimation.ConfidenceBasedEstimator estimator) {

    public static final int FORMAT_VERSION = 1;

    public Optional<ColumnProfile> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    /** Serialises the profile (gzip JSON). */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            Json.mapper().writeValue(gz, this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads a profile written by {@link #toBytes()}. */
    public static ReferenceProfile fromBytes(byte[] bytes) {
        ObjectMapper mapper = Json.mapper();
        try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            ReferenceProfile p = mapper.readValue(gz, ReferenceProfile.class);
            if (p.formatVersion() != FORMAT_VERSION) {
                throw new IllegalArgumentException("reference profile format " + p.formatVersion()
                        + " is not supported (expected " + FORMAT_VERSION + "); register the reference again");
            }
            return p;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a reference profile: " + e.getMessage(), e);
        }
    }
}
