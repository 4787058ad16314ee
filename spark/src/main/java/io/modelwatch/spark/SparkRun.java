package io.modelwatch.spark;

import io.modelwatch.core.anomaly.MetricHistory;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.InputException;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.quality.IdRepeats;
import io.modelwatch.core.quality.QualityReport;
import io.modelwatch.core.result.DriftSection;
import io.modelwatch.core.result.PerformanceSection;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.run.RunAccumulator;
import io.modelwatch.core.result.RunInfo;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.parquet.ParquetTableReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The monitoring run of one current file on Spark, with the numbers of the CLI's streamed run on the same file:
 * <ol>
 *   <li>the driver plans the partitions: byte ranges of a plain CSV file (cut at line feeds), row groups of a Parquet
 *       file, or the whole file when it cannot be cut (gzip);</li>
 *   <li>each partition reads its rows with core's readers and counts them with {@link RunAccumulator#forPart}: exact
 *       mergeable counts, sent back as bytes with the ids of its rows;</li>
 *   <li>the driver places each partition's counts at its first row and merges them in file order (exact: value runs,
 *       counts by score, by segment and by bin, exact sums, the quality findings with their first rows);</li>
 *   <li>the duplicate-id check is counted by Spark: the ids of all partitions are grouped by value (a shuffle), and
 *       only the number of repeats and the first five travel to the driver, never the ids themselves;</li>
 *   <li>the driver assembles the run as the CLI does (metric rows, alert rules, data-quality alerts).</li>
 * </ol>
 * A CSV file with a quoted field cannot be cut at line feeds (a quoted field may hold one): when a partition meets
 * a quoted field, the file is read again as one partition.
 */
final class SparkRun {

    /** Bytes of a plain CSV file per partition when the caller does not say how many partitions. */
    static final long DEFAULT_SPLIT_BYTES = 128L << 20;

    private final SparkSession spark;

    SparkRun(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * Runs the monitoring of {@code current} against the stored profile.
     *
     * @param current    the current batch (CSV, gzip CSV or Parquet), any path Spark reads
     * @param profilePath the reference profile written by {@code monitor profile}, any path Spark reads
     * @param configYaml the configuration's text (null: the one stored in the profile), as for the CLI with a stored
     *                   profile
     * @param modelId    the model's id, or null for the configuration's
     * @param partitions partitions to cut a plain CSV file into (0: one per {@value #DEFAULT_SPLIT_BYTES} bytes);
     *                   a Parquet file is cut at row groups, into at most this many partitions (0: one per group)
     * @param date       the snapshot date, or null for the date of the earliest prediction
     * @param referenceId the id of the same reference registered in the services (null for a run on files alone)
     * @param referenceVersion its version there, or null
     */
    Outcome run(String current, String profilePath, String configYaml, String configSource, String modelId,
                int partitions, LocalDate date, String referenceId, Integer referenceVersion) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        Map<String, String> hadoopSettings = new HashMap<>();
        hadoop.forEach(e -> hadoopSettings.put(e.getKey(), e.getValue()));
        byte[] profileBytes = readAll(profilePath, hadoop);
        ReferenceProfile profile = ReferenceProfile.fromBytes(profileBytes);

        Layout layout = layout(current, hadoop, partitions);
        PartCounter counter = new PartCounter(current, configYaml, configSource, modelId, profileBytes, hadoopSettings,
                layout.header, layout.dataStart);
        MonitoringConfig config = counter.config(profile);
        MonitoringPipeline pipeline = MonitoringPipeline.of(config);
        requireRoleColumns(layout.columns, config, current);

        Counted counted = count(jsc, counter, layout.splits);
        if (counted == null) {
            // a quoted field: the file cannot be cut at line feeds, so it is read as one partition
            counted = count(jsc, counter, List.of(new Split(0, Split.Kind.WHOLE_CSV, 0, 0, null)));
        }
        try {
            RunAccumulator merged = counted.merged(pipeline, profile);
            if (merged.rows() == 0) {
                throw new InputException(current + ": no data rows (the header alone)");
            }
            LocalDate snapshotDate = date != null ? date : merged.snapshotDate();
            IdRepeats repeats = counted.repeats(jsc);
            // unique across drivers: the services key everything by run id
            RunInfo info = new RunInfo("spark-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
                    .withZone(ZoneOffset.UTC).format(started) + "-" + java.util.UUID.randomUUID().toString().substring(0, 8),
                    config.modelId(), snapshotDate, profilePath, current, null, started, referenceId,
                    referenceVersion);
            DriftSection drift = merged.drift();
            PerformanceSection performance = merged.performance();
            QualityReport quality = merged.quality(repeats);
            RunResult result = pipeline.assemble(info, profile.rows(), merged.rows(), drift, performance, quality,
                    (System.nanoTime() - t0) / 1_000_000, MetricHistory.empty());
            return new Outcome(result, info, profile.rows(), drift, performance, quality);
        } finally {
            counted.records.unpersist(false);
        }
    }

    /** The run and its sections (what the services are handed, see {@link ServiceHandOff}). */
    record Outcome(RunResult result, RunInfo info, long referenceRows, DriftSection drift,
                   PerformanceSection performance, QualityReport quality) {
    }

    /** The partitions' output, kept by Spark until the counts are merged and the ids counted. */
    private record Counted(JavaRDD<PartRecord> records, List<PartRecord> counts) {

        RunAccumulator merged(MonitoringPipeline pipeline, ReferenceProfile profile) {
            RunAccumulator merged = null;
            long firstRow = 0;
            for (PartRecord part : counts) {
                RunAccumulator placed = RunAccumulator.fromBytes(pipeline, profile, part.counts(), firstRow);
                firstRow += part.rows();
                merged = merged == null ? placed : merged.merge(placed);
            }
            return merged;
        }

        /** The rows of the ids held by several rows, grouped by id across all partitions. */
        IdRepeats repeats(JavaSparkContext jsc) {
            long[] firstRow = new long[counts.size()];
            long rows = 0;
            for (int p = 0; p < counts.size(); p++) {
                firstRow[p] = rows;
                rows += counts.get(p).rows();
            }
            Broadcast<long[]> starts = jsc.broadcast(firstRow);
            JavaPairRDD<String, IdOccurrences.Rows> byId = records.filter(PartRecord::isIds)
                    .flatMapToPair(r -> {
                        long start = starts.value()[r.partition()];
                        List<Tuple2<String, IdOccurrences.Rows>> pairs = new ArrayList<>(r.ids().length);
                        for (int i = 0; i < r.ids().length; i++) {
                            pairs.add(new Tuple2<>(r.ids()[i], IdOccurrences.Rows.of(start + r.idRows()[i])));
                        }
                        return pairs.iterator();
                    })
                    .reduceByKey(IdOccurrences.Rows::plus);
            IdOccurrences.Repeats all = byId.filter(e -> e._2().count() > 1)
                    .aggregate(IdOccurrences.Repeats.NONE, (acc, e) -> acc.plus(e._1(), e._2()),
                            IdOccurrences.Repeats::plus);
            starts.destroy();
            return all.toIdRepeats();
        }
    }

    /** Counts every partition; null when a CSV range met a quoted field. */
    private static Counted count(JavaSparkContext jsc, PartCounter counter, List<Split> splits) {
        JavaRDD<PartRecord> records = jsc.parallelize(splits, splits.size())
                .mapPartitions(it -> {
                    List<PartRecord> out = new ArrayList<>();
                    while (it.hasNext()) {
                        counter.count(it.next()).forEachRemaining(out::add);
                    }
                    return out.iterator();
                })
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        List<PartRecord> counts = new ArrayList<>(records.filter(r -> !r.isIds()).collect());
        counts.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        if (counts.stream().anyMatch(PartRecord::quoted)) {
            records.unpersist(false);
            return null;
        }
        return new Counted(records, counts);
    }

    // ---------------------------------------------------------------------------------------------- layout

    /** How the current file is cut, and its columns (checked before any partition starts). */
    private record Layout(List<Split> splits, List<String> columns, List<String> header, long dataStart) {
    }

    private static Layout layout(String current, Configuration hadoop, int partitions) {
        Path path = new Path(current);
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            if (!fs.exists(path)) {
                throw new InputException(current + ": no such file");
            }
            if (fs.getFileStatus(path).isDirectory()) {
                throw new InputException(current + ": is a directory, expected a CSV or Parquet file");
            }
            long length = fs.getFileStatus(path).getLen();
            byte[] magic = new byte[4];
            int n;
            try (FSDataInputStream in = fs.open(path)) {
                n = in.read(magic, 0, 4);
            }
            if (n == 4 && magic[0] == 'P' && magic[1] == 'A' && magic[2] == 'R' && magic[3] == '1') {
                return parquetLayout(current, HadoopInputFile.fromPath(path, hadoop), partitions);
            }
            if (n >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                List<String> columns;
                try (InputStream in = PartCounter.maybeGzip(fs.open(path))) {
                    columns = CsvReader.header(in, current).names();
                }
                return new Layout(List.of(new Split(0, Split.Kind.WHOLE_CSV, 0, length, null)), columns, null, 0);
            }
            CsvReader.Header header;
            try (FSDataInputStream in = fs.open(path)) {
                header = CsvReader.header(in, current);
            }
            long data = length - header.dataStart();
            int parts = partitions > 0 ? partitions
                    : (int) Math.max(1, Math.min(Integer.MAX_VALUE, (data + DEFAULT_SPLIT_BYTES - 1) / DEFAULT_SPLIT_BYTES));
            List<Split> splits = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                long start = header.dataStart() + data * p / parts;
                long end = header.dataStart() + data * (p + 1) / parts;
                splits.add(new Split(p, Split.Kind.CSV_RANGE, start, end, null));
            }
            return new Layout(splits, header.names(), header.names(), header.dataStart());
        } catch (IOException e) {
            throw new InputException(current + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Layout parquetLayout(String current, InputFile file, int partitions) throws IOException {
        List<Long> groups = ParquetTableReader.rowGroupRows(file, current);
        List<String> columns;
        try (ParquetFileReader reader = ParquetFileReader.open(file)) {
            columns = reader.getFooter().getFileMetaData().getSchema().getFields().stream()
                    .map(org.apache.parquet.schema.Type::getName).toList();
        }
        int parts = Math.max(1, partitions > 0 ? Math.min(partitions, groups.size()) : groups.size());
        List<Split> splits = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            List<Integer> mine = new ArrayList<>();
            for (int g = groups.size() * p / parts; g < groups.size() * (p + 1) / parts; g++) {
                mine.add(g);
            }
            splits.add(new Split(p, Split.Kind.PARQUET, 0, 0, mine));
        }
        return new Layout(splits, columns, null, 0);
    }

    /** The id and probability columns, without which nothing can be monitored: checked on the driver, by name. */
    private static void requireRoleColumns(List<String> columns, MonitoringConfig config, String current) {
        for (String role : new String[] {config.roles().id(), config.roles().probability()}) {
            if (!columns.contains(role)) {
                throw new InputException(current + ": required column '" + role + "' is missing; columns are "
                        + columns);
            }
        }
    }

    static byte[] readAll(String file, Configuration hadoop) {
        Path path = new Path(file);
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            if (!fs.exists(path)) {
                throw new InputException(file + ": no such file");
            }
            try (FSDataInputStream in = fs.open(path)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
