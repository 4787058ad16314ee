package io.modelwatch.core.profile;

import io.modelwatch.core.importance.WoeIv;
import io.modelwatch.core.importance.WoeIvResult;
import io.modelwatch.core.importance.WoeNoise;
import io.modelwatch.core.performance.ClassificationReport;
import io.modelwatch.core.report.Json;
import io.modelwatch.core.result.SegmentRow;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.modelwatch.core.config.ConfigWriter;
import io.modelwatch.core.config.MonitoringConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a run needs from the reference data, computed once by
 * {@code MonitoringPipeline.profile} and stored: per column the value runs (distinct values with counts) or
 * category counts and the frozen PSI bins; the baseline classification metrics, churn rate, per-segment
 * recall and WoE/IV; and the model's configuration it was computed with (explicit or inferred: see
 * {@link io.modelwatch.core.data.SchemaRule}), which every run on the profile uses. Serialised as gzip of the
 * configuration as {@code monitoring.yaml} text, JSON, and a binary block of the numeric runs ({@link #toBytes()});
 * {@link #FORMAT_VERSION} guards against reading a profile written by an incompatible version.
 *
 * @param formatVersion      {@link #FORMAT_VERSION}
 * @param source             where the reference came from
 * @param rows               reference rows
 * @param config             the model's configuration; stored as YAML text ahead of the JSON part
 * @param columns            feature profiles by name, in config order
 * @param prediction         profile of the predicted probability
 * @param predictedClass     profile of the predicted class (categorical 0/1), {@code null} without the column
 * @param target             profile of the label (categorical 0/1), {@code null} without reference labels
 * @param performance        baseline classification quality, {@code null} without reference labels
 * @param churnRate          reference churn rate, {@code null} without labels
 * @param predictedRate      reference predicted positive rate
 * @param segments           baseline segment quality (including per-segment probability bins)
 * @param segmentPredictionBins per segment key, the PSI bins of the predicted probability within that segment
 * @param woe                baseline WoE/IV per feature (with labels)
 * @param estimator          the performance estimator calibrated on the reference (with labels), else {@code null}
 * @param woeNoise           per feature with a WoE table, the reference part of its no-change IV band
 *                           ({@link WoeNoise#reference}); {@code null} in a format-3 profile (computed when read)
 * @param segmentColumns     per segment key {@code dimension=segment} with at least
 *                           {@code drift.within_segments.min_reference_rows} rows, the feature profiles of that
 *                           segment's rows (the reference side of the drift within segments); empty when disabled,
 *                           and in a profile of format 3 or 4 (no drift within segments until registered again)
 */
public record ReferenceProfile(int formatVersion, String source, long rows, @JsonIgnore MonitoringConfig config,
                               Map<String, ColumnProfile> columns, ColumnProfile prediction,
                               ColumnProfile predictedClass, ColumnProfile target,
                               ClassificationReport performance, Double churnRate,
                               Double predictedRate, List<SegmentRow> segments,
                               Map<String, io.modelwatch.core.stability.PsiBins> segmentPredictionBins,
                               Map<String, WoeIvResult> woe,
                               io.modelwatch.core.estimation.ConfidenceBasedEstimator estimator,
                               Map<String, WoeNoise> woeNoise,
                               Map<String, Map<String, ColumnProfile>> segmentColumns) {

    /**
     * A format-3 profile (without the stored noise part) gets it computed here, from its WoE tables and its
     * configuration's {@code noise_bands}: the same values a newer profile stores. A profile without per-segment
     * profiles (format 3 or 4, or the feature disabled) gets an empty map.
     */
    public ReferenceProfile {
        if (woeNoise == null && woe != null && config != null) {
            woeNoise = woeNoise(woe, config);
        }
        segmentColumns = segmentColumns == null ? Map.of() : segmentColumns;
    }

    /** The reference part of each feature's no-change IV band ({@link WoeNoise#reference}). */
    public static Map<String, WoeNoise> woeNoise(Map<String, WoeIvResult> woe, MonitoringConfig config) {
        Map<String, WoeNoise> out = new LinkedHashMap<>();
        woe.forEach((name, table) -> out.put(name, WoeNoise.reference(table, WoeIv.withDefaults().smoothing(),
                config.noiseBands().bootstrapReplicates(), config.noiseBands().seed())));
        return out;
    }

    /**
     * Version 5: per-segment feature profiles ({@code segmentColumns}) with their numeric runs in a second binary
     * block, for the drift within segments; a version-3 or -4 profile is still read, without them (no drift within
     * segments until the reference is registered again).
     * Version 4: the reference part of the no-change bands ({@code woeNoise}); a version-3 profile is still read (its
     * noise part is computed from its WoE tables when read).
     * Version 3: the model's configuration ahead of the JSON, and the predicted class and label profiles (version 2
     * had neither: its runs used whatever configuration the caller had); version 2 put the numeric runs in a binary
     * block after the JSON (version 1 held sorted arrays as JSON).
     */
    public static final int FORMAT_VERSION = 5;
    /** The oldest format still read. */
    public static final int OLDEST_READABLE_VERSION = 3;
    /** The first format with the per-segment profiles of the drift within segments. */
    public static final int SEGMENT_COLUMNS_VERSION = 5;

    public Optional<ColumnProfile> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    /**
     * Serialises the profile: gzip (fastest level) of {@code MWPROF}, the format version, the configuration as
     * {@code monitoring.yaml} text ({@link ConfigWriter}), the JSON of everything but the numeric runs, then the
     * numeric runs as raw big-endian doubles and ints (see {@link ProfileFormat}).
     */
    public byte[] toBytes() {
        return ProfileFormat.write(this);
    }

    /** True when the file starts like a profile written by {@link #toBytes()} (a gzip stream opening with MWPROF). */
    public static boolean isProfile(java.nio.file.Path file) {
        return ProfileFormat.isProfile(file);
    }

    /** Reads a profile file written with {@link #toBytes()}; the error names the file. */
    public static ReferenceProfile read(java.nio.file.Path file) {
        try {
            return fromBytes(java.nio.file.Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference profile " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The configuration as the {@code monitoring.yaml} text stored in the profile. */
    public String configYaml() {
        return configYaml(config, source, rows);
    }

    /** A configuration as the profile of a reference ({@code source}, {@code rows}) stores it. */
    public static String configYaml(MonitoringConfig config, String source, long rows) {
        return ConfigWriter.toYaml(config, List.of("The configuration of model '" + config.modelId()
                + "' (the reference profile of " + source + ", " + rows + " rows)."));
    }

    /**
     * Only the configuration of a stored profile, read from the start of its bytes (the statistics after it are
     * not decoded).
     */
    public static MonitoringConfig configOf(byte[] bytes) {
        return ProfileFormat.configOf(bytes);
    }

    /** Reads a profile written by {@link #toBytes()}. */
    public static ReferenceProfile fromBytes(byte[] bytes) {
        return ProfileFormat.read(bytes);
    }
}
