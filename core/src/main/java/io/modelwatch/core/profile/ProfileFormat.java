package io.modelwatch.core.profile;

import io.modelwatch.core.data.TextBytes;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.drift.SortedRuns;
import io.modelwatch.core.report.Json;
import io.modelwatch.core.report.SideThread;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The stored form of a {@link ReferenceProfile}: gzip (fastest level) of {@code MWPROF}, the format version
 * ({@link ReferenceProfile#FORMAT_VERSION}), the configuration as {@code monitoring.yaml} text, the JSON of
 * everything but the numeric runs, then per numeric column (and per segment's numeric column) its name and runs as
 * raw big-endian doubles and ints. A 1M-row reference of the churn table takes a few MB and reads in tens of
 * milliseconds; the runs of a column with d distinct values take 12 d bytes.
 */
final class ProfileFormat {

    /** The configuration's name in error messages of a stored profile. */
    private static final String CONFIG_SOURCE = "the reference profile's configuration";

    /** The first bytes of a stored profile (inside the gzip stream), so a wrong file is named as such. */
    private static final byte[] MAGIC = "MWPROF".getBytes(StandardCharsets.US_ASCII);
    private static final byte ROLE_COLUMN = 0;
    private static final byte ROLE_PREDICTION = 1;

    private ProfileFormat() {
    }

    static byte[] write(ReferenceProfile profile) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(bytes, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }, 1 << 16))) {
            out.write(MAGIC);
            out.writeInt(ReferenceProfile.FORMAT_VERSION);
            TextBytes.write(out, profile.configYaml());
            byte[] json = Json.mapper().writeValueAsBytes(profile);
            out.writeInt(json.length);
            out.write(json);
            List<Map.Entry<Byte, ColumnProfile>> numeric = new ArrayList<>();
            profile.columns().values().stream().filter(c -> c.runs() != null).forEach(c -> numeric.add(Map.entry(ROLE_COLUMN, c)));
            if (profile.prediction() != null && profile.prediction().runs() != null) {
                numeric.add(Map.entry(ROLE_PREDICTION, profile.prediction()));
            }
            out.writeInt(numeric.size());
            for (Map.Entry<Byte, ColumnProfile> e : numeric) {
                SortedRuns runs = e.getValue().runs();
                out.writeByte(e.getKey());
                TextBytes.write(out, e.getValue().name());
                writeRuns(out, runs);
            }
            List<Map.Entry<String, ColumnProfile>> segmentRuns = new ArrayList<>();
            profile.segmentColumns().forEach((key, byName) -> byName.values().stream().filter(c -> c.runs() != null)
                    .forEach(c -> segmentRuns.add(Map.entry(key, c))));
            out.writeInt(segmentRuns.size());
            for (Map.Entry<String, ColumnProfile> e : segmentRuns) {
                TextBytes.write(out, e.getKey());
                TextBytes.write(out, e.getValue().name());
                writeRuns(out, e.getValue().runs());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
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

    /** True when the file starts like a profile written by {@link #write} (a gzip stream opening with MWPROF). */
    static boolean isProfile(java.nio.file.Path file) {
        try (GZIPInputStream gz = new GZIPInputStream(java.nio.file.Files.newInputStream(file))) {
            return Arrays.equals(gz.readNBytes(MAGIC.length), MAGIC);
        } catch (IOException notGzipOrUnreadable) {
            return false;
        }
    }

    /**
     * Only the configuration of a stored profile, read from the start of its bytes (the statistics after it are
     * not decoded).
     */
    static MonitoringConfig configOf(byte[] bytes) {
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
        if (version < ReferenceProfile.OLDEST_READABLE_VERSION || version > ReferenceProfile.FORMAT_VERSION) {
            throw new IllegalArgumentException("reference profile format " + version
                    + " is not supported (expected " + ReferenceProfile.OLDEST_READABLE_VERSION + " to "
                    + ReferenceProfile.FORMAT_VERSION
                    + "; format 3 first carried the model's configuration, format 5 the per-segment reference of the"
                    + " drift within segments);"
                    + " register the reference again (monitor profile, or POST /references)");
        }
    }

    /**
     * Reads a profile written by {@link #write}. The configuration at its start is parsed on a thread of its own
     * ({@link #configOf}, which inflates only those first bytes) while this thread inflates and decodes the rest:
     * binding the YAML and decoding the JSON part are both start-up work of a cold JVM (hundreds of milliseconds
     * each on the first profile of a process), independent of each other. The rest is decoded as it is inflated,
     * one column's runs at a time, not from the whole inflated profile (32 MB for a 1M-row reference). The errors
     * are those of the one-thread order: not gzip, then the header, then the configuration, then the statistics.
     */
    static ReferenceProfile read(byte[] bytes) {
        CompletableFuture<MonitoringConfig> configuration =
                SideThread.start("profile-configuration", () -> configOf(bytes));
        DataInputStream in;
        int version;
        try {
            in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a reference profile (not gzip data): " + e.getMessage(), e);
        }
        try (in) {
            byte[] magic = in.readNBytes(MAGIC.length);
            version = in.readInt();
            checkHeader(magic, version);
            in.skipNBytes(in.readInt()); // the configuration: parsed by the other thread
            try {
                return statistics(in, version, () -> SideThread.join(configuration));
            } catch (IOException | RuntimeException e) {
                SideThread.join(configuration); // an error of the configuration comes first, as it did
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("not a reference profile: " + e.getMessage(), e);
        }
    }

    /** The profile from everything after the configuration (the JSON part, the numeric runs) and {@code config}. */
    private static ReferenceProfile statistics(DataInputStream in, int version, Supplier<MonitoringConfig> config)
            throws IOException {
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        ReferenceProfile p = Json.mapper().readValue(json, ReferenceProfile.class);
        Map<String, ColumnProfile> columns = new LinkedHashMap<>(p.columns());
        ColumnProfile prediction = p.prediction();
        RunsReader runsReader = new RunsReader();
        int numeric = in.readInt();
        for (int k = 0; k < numeric; k++) {
            byte role = in.readByte();
            String name = readName(in);
            SortedRuns runs = runsReader.read(in);
            if (role == ROLE_PREDICTION) {
                prediction = prediction.withRuns(runs);
            } else {
                columns.put(name, columns.get(name).withRuns(runs));
            }
        }
        Map<String, Map<String, ColumnProfile>> segmentColumns = new LinkedHashMap<>();
        if (version >= ReferenceProfile.SEGMENT_COLUMNS_VERSION) {
            p.segmentColumns().forEach((key, byName) -> segmentColumns.put(key, new LinkedHashMap<>(byName)));
        }
        int segmentNumeric = version >= ReferenceProfile.SEGMENT_COLUMNS_VERSION ? in.readInt() : 0;
        for (int k = 0; k < segmentNumeric; k++) {
            String key = readName(in);
            String name = readName(in);
            Map<String, ColumnProfile> byName = segmentColumns.get(key);
            if (byName == null || !byName.containsKey(name)) {
                throw new IllegalArgumentException("not a reference profile: runs of '" + name + "' in segment '"
                        + key + "' that the profile does not list");
            }
            byName.put(name, byName.get(name).withRuns(runsReader.read(in)));
        }
        return new ReferenceProfile(p.formatVersion(), p.source(), p.rows(), config.get(), columns, prediction,
                p.predictedClass(), p.target(), p.performance(), p.churnRate(), p.predictedRate(), p.segments(),
                p.segmentPredictionBins(), p.woe(), p.estimator(), p.woeNoise(), segmentColumns);
    }

    /** Reads runs as {@link #writeRuns} wrote them, through one block buffer grown to the largest column. */
    private static final class RunsReader {
        private byte[] block = new byte[0];

        SortedRuns read(DataInputStream in) throws IOException {
            int distinct = in.readInt();
            if (distinct < 0 || distinct > (Integer.MAX_VALUE - 16) / (Double.BYTES + Integer.BYTES)) {
                throw new IllegalArgumentException("not a reference profile: runs of " + distinct + " values");
            }
            int length = distinct * (Double.BYTES + Integer.BYTES);
            if (block.length < length) {
                block = new byte[length];
            }
            in.readFully(block, 0, length);
            ByteBuffer runs = ByteBuffer.wrap(block, 0, length);
            double[] values = new double[distinct];
            int[] counts = new int[distinct];
            runs.asDoubleBuffer().get(values);
            runs.position(distinct * Double.BYTES);
            runs.asIntBuffer().get(counts);
            return SortedRuns.of(values, counts);
        }
    }

    private static String readName(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
