package io.modelwatch.ingest.service;

import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.config.ColumnRoles;
import io.modelwatch.core.data.TableReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.run.StreamingRun;
import io.modelwatch.ingest.config.IngestSettings;
import io.modelwatch.parquet.ParquetTableReader;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Reads a batch from where a request says: a CSV or Parquet file, a file at an {@code http(s)} URL, or the warehouse
 * ({@code warehouse:}, the configured parameterised query for the date). Every source ends up read by the
 * core {@link CsvReader} (or the Parquet reader, which follows its rules) with the schema of the model's
 * configuration, so types, nulls and parse reports are exactly the CLI's; a URL or a warehouse result is first
 * written to a temporary file. A day's batch is read in chunks ({@link #stream}), never whole. A model's
 * {@code monitoring.yaml} given by location is read from a path or URL the same way ({@link #readText}).
 */
@ApplicationScoped
public class BatchSources {

    public static final String WAREHOUSE = "warehouse:";

    /** A configuration file is small: anything larger is refused rather than read into memory. */
    static final int MAX_TEXT_BYTES = 1 << 20;

    private final IngestSettings settings;
    private final InputRoots inputRoots;
    private final DataSource dataSource;
    // redirects are not followed: a listed host must not lead the service to one that is not
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public BatchSources(IngestSettings settings, InputRoots inputRoots, DataSource dataSource) {
        this.settings = settings;
        this.inputRoots = inputRoots;
        this.dataSource = dataSource;
    }

    /**
     * Reads a batch (a day's predictions, or a reference) with the given schema.
     *
     * @throws IllegalArgumentException naming the source when it cannot be read
     */
    public ColumnBatch read(String source, LocalDate date, TableSchema schema) {
        return namingSource(() -> withTable(source, date, settings.warehouse().query(),
                "modelwatch.ingest.warehouse.query", (file, shown) -> renamed(reader(file).read(file, schema), shown)));
    }

    /**
     * Reads a day's batch in chunks of at most {@code chunkRows} rows, handing each to {@code sink} in file order (one
     * empty chunk when it has no rows): a file without holding it (CSV, or Parquet recognised by its magic bytes), a URL
     * or the warehouse's result through a temporary file. The chunks are the CLI's streamed chunks of the same file.
     *
     * @return the row count, column types and parse report of the whole batch
     * @throws IllegalArgumentException naming the source when it cannot be read
     */
    public TableReader.Summary stream(String source, LocalDate date, TableSchema schema, int chunkRows,
                                      Consumer<ColumnBatch> sink) {
        return namingSource(() -> withTable(source, date, settings.warehouse().query(),
                "modelwatch.ingest.warehouse.query", (file, shown) -> {
                    // the CLI's streamed read: the file parsed on all cores but the one counting the chunks
                    TableReader reader = reader(file, CsvReader.withDefaults().withThreads(StreamingRun.parserThreads()));
                    TableReader.Summary read = reader.stream(file, schema, chunkRows,
                            chunk -> sink.accept(renamed(chunk, shown)));
                    return shown == null ? read
                            : new TableReader.Summary(shown, read.rowCount(), read.columnTypes(), read.parseReport());
                }));
    }

    /**
     * Reads a label file (id, target and label date columns, typed by their roles), from the same kinds of
     * source; {@code warehouse:} runs the configured labels query for the prediction date.
     *
     * @throws IllegalArgumentException naming the source when it cannot be read
     */
    public ColumnBatch readLabels(String source, LocalDate date, ColumnRoles roles) {
        return namingSource(() -> withTable(source, date, settings.warehouse().labelsQuery(),
                "modelwatch.ingest.warehouse.labels-query",
                (file, shown) -> renamed(reader(file).read(file, TableSchema.forRoles(roles)), shown)));
    }

    /** A source that cannot be read is the request's {@code source} field: its refusal answers 4xx naming it. */
    private static <T> T namingSource(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (io.modelwatch.support.rest.InvalidFieldException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            io.modelwatch.support.rest.InvalidFieldException named = new io.modelwatch.support.rest.InvalidFieldException("source", e.getMessage());
            named.initCause(e);
            throw named;
        }
    }

    /**
     * Reads a small text file (a {@code monitoring.yaml}) from a path, a {@code file:} URI or an {@code http(s)} URL,
     * as UTF-8.
     *
     * @param what names the field in errors (for example {@code config})
     * @throws IllegalArgumentException naming the field and the location when it cannot be read
     */
    public String readText(String location, String what) {
        if (isUrl(location)) {
            URI uri = inputRoots.url(location, what);
            Path tmp = temporaryCsv();
            try {
                download(uri, tmp);
                return text(tmp, location, what);
            } finally {
                deleteQuietly(tmp);
            }
        }
        return text(inputRoots.file(location, what), location, what);
    }

    private static String text(Path file, String location, String what) {
        try {
            if (Files.size(file) > MAX_TEXT_BYTES) {
                throw new IllegalArgumentException("'" + what + "': '" + location + "' is larger than "
                        + MAX_TEXT_BYTES + " bytes; expected a monitoring.yaml");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException("'" + what + "': '" + location + "' is not UTF-8 text", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("'" + what + "': cannot read '" + location + "': " + e.getMessage(), e);
        }
    }

    /**
     * Reads the table a source names with {@code read}, given the file to read and the source name its rows carry
     * ({@code null}: the file's own): a file as it is, a URL or the warehouse's result (written as CSV) through a
     * temporary file, deleted afterwards.
     */
    private <T> T withTable(String source, LocalDate date, java.util.Optional<String> query, String queryProperty,
                            BiFunction<Path, String, T> read) {
        if (source == null || source.isBlank()) {
            throw new io.modelwatch.support.rest.InvalidFieldException("source",
                    "'source' is required: a CSV or Parquet path, an http(s) URL or '" + WAREHOUSE + "'");
        }
        if (source.startsWith(WAREHOUSE)) {
            String sql = query.orElseThrow(() -> new IllegalArgumentException(
                    "source '" + WAREHOUSE + "' needs " + queryProperty + " to be configured"));
            if (date == null) {
                throw new io.modelwatch.support.rest.InvalidFieldException("date", "'date' is required for a warehouse source");
            }
            Path tmp = temporaryCsv();
            try {
                writeWarehouse(sql, date, tmp);
                return read.apply(tmp, "warehouse:" + date);
            } finally {
                deleteQuietly(tmp);
            }
        }
        if (isUrl(source)) {
            URI url = inputRoots.url(source, "source");
            Path tmp = temporaryCsv();
            try {
                download(url, tmp);
                return read.apply(tmp, null);
            } finally {
                deleteQuietly(tmp);
            }
        }
        return read.apply(inputRoots.file(source, "source"), null);
    }

    /** The reader of a file by its format: Parquet (magic bytes {@code PAR1}), else CSV (plain or gzip). */
    private static TableReader reader(Path file) {
        return reader(file, CsvReader.withDefaults());
    }

    private static TableReader reader(Path file, CsvReader csv) {
        return ParquetTableReader.isParquet(file) ? ParquetTableReader.withDefaults() : csv;
    }

    /** The batch with the source name its rows are reported under ({@code null}: unchanged). */
    private static ColumnBatch renamed(ColumnBatch batch, String shown) {
        return shown == null ? batch : new ColumnBatch(shown, batch.rowCount(), batch.columns(), batch.parseReport());
    }

    private static boolean isUrl(String location) {
        String l = location.toLowerCase(java.util.Locale.ROOT);
        return l.startsWith("http://") || l.startsWith("https://");
    }

    private void download(URI url, Path to) {
        try {
            HttpResponse<Path> response = http.send(HttpRequest.newBuilder(url)
                    .timeout(Duration.ofSeconds(settings.downloadTimeoutSeconds())).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(to));
            if (response.statusCode() / 100 == 3) {
                throw new IllegalArgumentException("source URL '" + url + "' answered a redirect (HTTP "
                        + response.statusCode() + "), which is not followed: give the final URL");
            }
            if (response.statusCode() / 100 != 2) {
                throw new IllegalArgumentException("source URL '" + url + "' answered HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("source URL '" + url + "' cannot be downloaded: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while downloading " + url, e);
        }
    }

    /** Writes the warehouse query's result for {@code date} as CSV (a header, then one line per row). */
    private void writeWarehouse(String sql, LocalDate date, Path to) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(settings.warehouse().queryTimeoutSeconds());
            ps.setObject(1, date);
            try (ResultSet rs = ps.executeQuery(); BufferedWriter w = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                for (int i = 1; i <= n; i++) {
                    w.write((i > 1 ? "," : "") + quote(md.getColumnLabel(i)));
                }
                w.newLine();
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        String v = rs.getString(i);
                        w.write((i > 1 ? "," : "") + (v == null ? "" : quote(v)));
                    }
                    w.newLine();
                }
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException("warehouse query failed for " + date + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String v) {
        boolean needs = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        return needs ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    private Path temporaryCsv() {
        try {
            return Files.createTempFile(Path.of(settings.downloadDir()), "modelwatch-", ".csv");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file in " + settings.downloadDir(), e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover temporary file is harmless
        }
    }
}
