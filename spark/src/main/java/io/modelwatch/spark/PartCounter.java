package io.modelwatch.spark;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.SchemaRule;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.TableReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.quality.QualityAccumulator;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.run.RunAccumulator;
import io.modelwatch.core.run.StreamingRun;
import io.modelwatch.parquet.ParquetTableReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.util.HadoopInputFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The work of one partition, on an executor: read the partition's rows in chunks with core's readers (over the Hadoop
 * file system, so any path Spark reads), count them with {@link RunAccumulator#forPart}, and hand back the counts as
 * bytes and the ids of each chunk. Everything it needs travels with it as plain values (the configuration's YAML,
 * the profile's bytes, the Hadoop settings).
 */
final class PartCounter implements Serializable {

    private final String file;
    private final String configYaml;
    private final String configSource;
    private final String modelId;
    private final byte[] profile;
    private final Map<String, String> hadoop;
    private final List<String> header;
    private final long dataStart;

    /**
     * @param file       the current file, as Spark names it
     * @param configYaml the monitoring configuration's text, or null for the one stored in the profile
     * @param modelId    the model's id when given (else the configuration's)
     * @param profile    the reference profile's bytes
     * @param hadoop     the driver's Hadoop settings (file systems, credentials)
     * @param header     a plain CSV file's column names (null for other files)
     * @param dataStart  where a plain CSV file's data starts
     */
    PartCounter(String file, String configYaml, String configSource, String modelId, byte[] profile,
                Map<String, String> hadoop, List<String> header, long dataStart) {
        this.file = file;
        this.configYaml = configYaml;
        this.configSource = configSource;
        this.modelId = modelId;
        this.profile = profile;
        this.hadoop = hadoop;
        this.header = header == null ? null : List.copyOf(header);
        this.dataStart = dataStart;
    }

    /**
     * The run's configuration, by the CLI's rule for a stored profile ({@link SchemaRule#forStoredProfile}): the one
     * stored in the profile, or the given one when it agrees with what the profile froze; named {@code modelId}
     * when given.
     */
    MonitoringConfig config(ReferenceProfile reference) {
        MonitoringConfig explicit = configYaml == null ? null : ConfigLoader.parse(configYaml, configSource);
        MonitoringConfig config = SchemaRule.forStoredProfile(reference.config(), explicit, configSource);
        return modelId == null ? config : config.withModelId(modelId);
    }

    Configuration hadoopConfiguration() {
        Configuration conf = new Configuration(false);
        hadoop.forEach(conf::set);
        return conf;
    }

    /** Counts one partition: its counts record, preceded by one ids record per chunk. */
    Iterator<PartRecord> count(Split split) {
        ReferenceProfile reference = ReferenceProfile.fromBytes(profile);
        MonitoringConfig config = config(reference);
        MonitoringPipeline pipeline = MonitoringPipeline.of(config);
        RunAccumulator counts = RunAccumulator.forPart(pipeline, reference);
        String idColumn = config.roles().id();
        List<PartRecord> out = new ArrayList<>();
        long[] rowsBefore = new long[1];
        Consumer<ColumnBatch> sink = chunk -> {
            counts.add(chunk);
            chunk.find(idColumn).ifPresent(c -> out.add(ids(split.index(), c, rowsBefore[0])));
            rowsBefore[0] += chunk.rowCount();
        };
        TableReader.Summary read = read(split, TableSchema.forConfig(config), sink);
        if (read == null) {
            counts.discard();
            return List.of(PartRecord.quotedField(split.index())).iterator();
        }
        out.add(PartRecord.counts(split.index(), counts.toBytes(), counts.rows()));
        return out.iterator();
    }

    /** The non-null ids of a chunk as the duplicate-id check writes them, with their rows in the partition. */
    private static PartRecord ids(int partition, Column ids, long rowsBefore) {
        int n = ids.size() - ids.nullCount();
        String[] values = new String[n];
        long[] rows = new long[n];
        int k = 0;
        for (int i = 0; i < ids.size(); i++) {
            if (!ids.isNull(i)) {
                values[k] = QualityAccumulator.idText(ids, i);
                rows[k++] = rowsBefore + i + 1;
            }
        }
        return PartRecord.ids(partition, values, rows);
    }

    /** Reads the partition's rows into {@code sink}; null when a CSV range holds a quoted field. */
    private TableReader.Summary read(Split split, TableSchema schema, Consumer<ColumnBatch> sink) {
        Path path = new Path(file);
        Configuration conf = hadoopConfiguration();
        int chunkRows = StreamingRun.DEFAULT_CHUNK_ROWS;
        try {
            switch (split.kind()) {
                case PARQUET -> {
                    return ParquetTableReader.withDefaults().stream(HadoopInputFile.fromPath(path, conf), file, schema,
                            chunkRows, split.rowGroups(), 0, sink);
                }
                case WHOLE_CSV -> {
                    try (InputStream in = maybeGzip(path.getFileSystem(conf).open(path))) {
                        return CsvReader.withDefaults().withThreads(1).streamPart(in, file, null, schema, chunkRows,
                                sink);
                    }
                }
                default -> {
                    FileSystem fs = path.getFileSystem(conf);
                    try (FSDataInputStream in = fs.open(path)) {
                        long from = split.start() > dataStart ? split.start() - 1 : split.start();
                        in.seek(from);
                        InputStream range = new LineRangeInputStream(in, from, split.start(), split.end());
                        return CsvReader.withDefaults().withThreads(1).streamPart(range, file, header, schema,
                                chunkRows, sink);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    static InputStream maybeGzip(FSDataInputStream in) throws IOException {
        java.io.PushbackInputStream pushback = new java.io.PushbackInputStream(in, 2);
        byte[] magic = new byte[2];
        int n = pushback.readNBytes(magic, 0, 2);
        if (n > 0) {
            pushback.unread(magic, 0, n);
        }
        boolean gzip = n == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        return gzip ? new GZIPInputStream(pushback, 1 << 16) : pushback;
    }
}
