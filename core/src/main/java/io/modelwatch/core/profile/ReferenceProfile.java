package io.modelwatch.core.profile;

import io.modelwatch.core.importance.WoeIv;
import io.modelwatch.core.importance.WoeIvResult;
import io.modelwatch.core.importance.WoeNoise;
import io.modelwatch.core.performance.ClassificationReport;
import io.modelwatch.core.result.SegmentRow;
import io.modelwatch.core.report.Json;

import io.modelwatch.core.drift.SortedRuns;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.ConfigWriter;
import io.modelwatch.core.config.MonitoringConfig;

import java.io.DataInputStream;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.zip.Deflater;
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

    /** The configuration's name in error messages of a stored profile. */
    private static final String CONFIG_SOURCE = "the reference profile's configuration";

    /** The first bytes of a stored profile (inside the gzip stream), so a wrong file is named as such. */
    private static final byte[] MAGIC = "MWPROF".getBytes(StandardCharsets.US_ASCII);
    private static final byte ROLE_COLUMN = 0;
    private static final byte ROLE_PREDICTION = 1;

    public Optional<ColumnProfile> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    /**
     * Serialises the profile: gzip (fastest level) of {@code MWPROF}, the format version, the configuration as
     * {@code monitoring.yaml} text ({@link ConfigWriter}), the JSON of everything but the numeric runs, then per numeric column its name and runs as raw big-endian doubles and
     * ints. A 1M-row reference of the churn table takes a few MB and reads in tens of milliseconds; the runs
     * of a column with d distinct values take 12 d bytes.
     */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(bytes, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }, 1 << 16))) {
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            byte[] yaml = configYaml().getBytes(StandardCharsets.UTF_8);
            out.writeInt(yaml.length);
            out.write(yaml);
            byte[] json = Json.mapper().writeValueAsBytes(this);
            out.writeInt(json.length);
            out.write(json);
            List<Map.Entry<Byte, ColumnProfile>> numeric = new ArrayList<>();
            columns.values().stream().filter(c -> c.runs() != null).forEach(c -> numeric.add(Map.entry(ROLE_COLUMN, c)));
            if (prediction != null && prediction.runs() != null) {
                numeric.add(Map.entry(ROLE_PREDICTION, prediction));
            }
            out.writeInt(numeric.size());
            for (Map.Entry<Byte, ColumnProfile> e : numeric) {
                SortedRuns runs = e.getValue().runs();
                out.writeByte(e.getKey());
                byte[] name = e.getValue().name().getBytes(StandardCharsets.UTF_8);
                out.writeInt(name.length);
                out.write(name);
                writeRuns(out, runs);
            }
            List<Map.Entry<String, ColumnProfile>> segmentRuns = new ArrayList<>();
            segmentColumns.forEach((key, byName) -> byName.values().stream().filter(c -> c.runs() != null)
                    .forEach(c -> segmentRuns.add(Map.entry(key, c))));
            out.writeInt(segmentRuns.size());
            for (Map.Entry<String, ColumnProfile> e : segmentRuns) {
                writeName(out, e.getKey());
                writeName(out, e.getValue().name());
                writeRuns(out, e.getValue().runs());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeName(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /** The runs of d distinct values: d, the values as doubles, the counts as ints (12 d + 4 bytes). */
    private static void writeRuns(DataOutputStream out, SortedRuns runs) throws IOException {
        out.writeInt(runs.distinct());
        ByteBuffer block = ByteBuffer.allocate(runs.distinct() * (Double.BYTES + Integer.BYTES));
        block.asDoubleBuffer().put(runs.values());
        block.position(runs.distinct() * Double.BYTES);
        block.asIntBuffer().put(runs.counts());
        out.write(block.array());
    }

    private static SortedRuns readRuns(ByteBuffer in) {
        int distinct = in.getInt();
        double[] values = new double[distinct];
        int[] counts = new int[distinct];
        in.asDoubleBuffer().get(values);
        in.position(in.position() + distinct * Double.BYTES);
        in.asIntBuffer().get(counts);
        in.position(in.position() + distinct * Integer.BYTES);
        return SortedRuns.of(values, counts);
    }

    /** True when the file starts like a profile written by {@link #toBytes()} (a gzip stream opening with MWPROF). */
    public static boolean isProfile(java.nio.file.Path file) {
        try (GZIPInputStream gz = new GZIPInputStream(java.nio.file.Files.newInputStream(file))) {
            return Arrays.equals(gz.readNBytes(MAGIC.length), MAGIC);
        } catch (IOException notGzipOrUnreadable) {
            return false;
        }
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
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 12))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            checkHeader(magic, in.readInt());
            byte[] yaml = in.readNBytes(in.readInt());
            return ConfigLoader.parse(new String(yaml, StandardCharsets.UTF_8), CONFIG_SOURCE);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a reference profile: " + e.getMessage(), e);
        }
    }

    private static void checkHeader(byte[] magic, int version) {
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IllegalArgumentException("not a reference profile (no MWPROF header); a profile written"
                    + " before format 2 must be registered again");
        }
        if (version < OLDEST_READABLE_VERSION || version > FORMAT_VERSION) {
            throw new IllegalArgumentException("reference profile format " + version
                    + " is not supported (expected " + OLDEST_READABLE_VERSION + " to " + FORMAT_VERSION
                    + "; format 3 first carried the model's configuration, format 5 the per-segment reference of the"
                    + " drift within segments);"
                    + " register the reference again (monitor profile, or POST /references)");
        }
    }

    /** Reads a profile written by {@link #toBytes()}. */
    public static ReferenceProfile fromBytes(byte[] bytes) {
        byte[] raw;
        try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16)) {
            raw = gz.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException("not a reference profile (not gzip data): " + e.getMessage(), e);
        }
        ByteBuffer in = ByteBuffer.wrap(raw);
        try {
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            int version = in.getInt();
            checkHeader(magic, version);
            byte[] yaml = new byte[in.getInt()];
            in.get(yaml);
            MonitoringConfig config = ConfigLoader.parse(new String(yaml, StandardCharsets.UTF_8), CONFIG_SOURCE);
            byte[] json = new byte[in.getInt()];
            in.get(json);
            ReferenceProfile p = Json.mapper().readValue(json, ReferenceProfile.class);
            Map<String, ColumnProfile> columns = new LinkedHashMap<>(p.columns());
            ColumnProfile prediction = p.prediction();
            int numeric = in.getInt();
            for (int k = 0; k < numeric; k++) {
                byte role = in.get();
                String name = readName(in);
                SortedRuns runs = readRuns(in);
                if (role == ROLE_PREDICTION) {
                    prediction = prediction.withRuns(runs);
                } else {
                    columns.put(name, columns.get(name).withRuns(runs));
                }
            }
            Map<String, Map<String, ColumnProfile>> segmentColumns = new LinkedHashMap<>();
            if (version >= SEGMENT_COLUMNS_VERSION) {
                p.segmentColumns().forEach((key, byName) -> segmentColumns.put(key, new LinkedHashMap<>(byName)));
            }
            int segmentNumeric = version >= SEGMENT_COLUMNS_VERSION ? in.getInt() : 0;
            for (int k = 0; k < segmentNumeric; k++) {
                String key = readName(in);
                String name = readName(in);
                Map<String, ColumnProfile> byName = segmentColumns.get(key);
                if (byName == null || !byName.containsKey(name)) {
                    throw new IllegalArgumentException("not a reference profile: runs of '" + name + "' in segment '"
                            + key + "' that the profile does not list");
                }
                byName.put(name, byName.get(name).withRuns(readRuns(in)));
            }
            return new ReferenceProfile(p.formatVersion(), p.source(), p.rows(), config, columns, prediction,
                    p.predictedClass(), p.target(), p.performance(), p.churnRate(), p.predictedRate(), p.segments(),
                    p.segmentPredictionBins(), p.woe(), p.estimator(), p.woeNoise(), segmentColumns);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("not a reference profile: " + e.getMessage(), e);
        }
    }

    private static String readName(ByteBuffer in) {
        byte[] utf8 = new byte[in.getInt()];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
