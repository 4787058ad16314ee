package io.modelwatch.support.store;

import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.support.messaging.PoisonMessageException;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The shared artefact store (schema {@code store}): each batch stored once, keyed by batch id, and the reference
 * profiles. The ingest service writes it (and owns its migration); the computing services read only the columns they
 * need. A batch is stored in chunks of rows ({@code store.batch_chunk}: one row per column and chunk), written while
 * its source is read ({@link #startBatch}) and read back chunk by chunk ({@link #streamBatch}), so that no service
 * holds more than a chunk of rows; batches stored before chunks existed ({@code store.batch_column}, one row per
 * whole column, {@link #saveBatch}) are read as one chunk. Plain JDBC: these are blobs, not domain entities.
 * Calls join the caller's transaction when there is one.
 */
@ApplicationScoped
public class BatchStore {

    private static final String INSERT_COLUMN =
            "insert into store.batch_column(batch_id, position, name, kind, data) values (?,?,?,?,?)";
    private static final String INSERT_CHUNK = "insert into store.batch_chunk(batch_id, chunk_no, position, name, kind,"
            + " row_count, data) values (?,?,?,?,?,?,?)";

    private final DataSource dataSource;

    public BatchStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void saveBatch(String batchId, String modelId, LocalDate date, ColumnBatch batch) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into store.batch(batch_id, model_id, snapshot_date, source, row_count, created_at) values (?,?,?,?,?,?)")) {
                ps.setString(1, batchId);
                ps.setString(2, modelId);
                ps.setObject(3, date);
                ps.setString(4, batch.source());
                ps.setInt(5, batch.rowCount());
                ps.setTimestamp(6, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    INSERT_COLUMN)) {
                int position = 0;
                for (Column col : batch.columns().values()) {
                    insertColumn(ps, batchId, position++, col);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store batch " + batchId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts storing a batch in chunks as it is read: {@link ChunkedBatch#add} every chunk in file order (at least one,
     * the empty chunk of a file without rows), then {@link ChunkedBatch#finish}. Each chunk is written when it is added;
     * a batch abandoned before it is finished is removed with {@link #deleteBatch}.
     *
     * @param chunkRows the rows per chunk of the reader (the last chunk may have fewer)
     */
    public ChunkedBatch startBatch(String batchId, String modelId, LocalDate date, String source, int chunkRows) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into store.batch(batch_id, model_id, snapshot_date, source, row_count, created_at, chunk_rows,"
                        + " chunk_count) values (?,?,?,?,0,?,?,0)")) {
            ps.setString(1, batchId);
            ps.setString(2, modelId);
            ps.setObject(3, date);
            ps.setString(4, source);
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.setInt(6, chunkRows);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store batch " + batchId + ": " + e.getMessage(), e);
        }
        return new ChunkedBatch(batchId);
    }

    /**
     * A batch being stored chunk by chunk ({@link #startBatch}): each chunk is encoded and written on a thread of its
     * own while the caller reads the next one ({@link ChunkHandoff}). Close it when the batch is abandoned.
     */
    public final class ChunkedBatch implements AutoCloseable {

        private final String batchId;
        private final ChunkHandoff<ColumnBatch> writer;
        /** Used by the writer's thread only; freed once it has stopped. */
        private final ColumnEncoder encoder = new ColumnEncoder();
        private int chunks;
        private long rows;

        private ChunkedBatch(String batchId) {
            this.batchId = batchId;
            this.writer = new ChunkHandoff<>("batch-writer-" + batchId, this::write);
        }

        public String batchId() {
            return batchId;
        }

        /**
         * Stores the next chunk of the batch (in file order); every chunk has the first chunk's columns. The chunk is
         * written in the background: a failure to write it is thrown by a later {@code add} or by {@link #finish}.
         */
        public void add(ColumnBatch chunk) {
            writer.put(chunk);
            rows += chunk.rowCount();
        }

        private void write(ColumnBatch chunk) {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT_CHUNK)) {
                int position = 0;
                for (Column col : chunk.columns().values()) {
                    setChunkColumn(ps, encoder, batchId, chunks, position++, col);
                    ps.addBatch();
                }
                ps.executeBatch();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot store chunk " + chunks + " of batch " + batchId + ": "
                        + e.getMessage(), e);
            }
            chunks++;
        }

        /** Waits for every chunk to be written, then records the batch's row and chunk counts: it is complete. */
        public void finish() {
            try {
                writer.finish();
            } finally {
                encoder.close();
            }
            if (rows > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("batch " + batchId + " has " + rows + " rows, more than the "
                        + Integer.MAX_VALUE + " a batch may have");
            }
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "update store.batch set row_count = ?, chunk_count = ? where batch_id = ?")) {
                ps.setInt(1, (int) rows);
                ps.setInt(2, chunks);
                ps.setString(3, batchId);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot store batch " + batchId + ": " + e.getMessage(), e);
            }
        }

        /** Stops writing (an abandoned batch: remove it afterwards with {@link #deleteBatch}). */
        @Override
        public void close() {
            writer.close();
            encoder.close();
        }
    }

    /** Removes a stored batch (a batch abandoned half-written, or one a concurrent request stored first). */
    public void deleteBatch(String batchId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("delete from store.batch where batch_id = ?")) {
            ps.setString(1, batchId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete batch " + batchId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds columns to a stored batch, or replaces the stored columns of the same names, one chunk at a time (late
     * labels join the batch they belong to under its batch id): each chunk's {@code read} columns, in row order, go to
     * {@code columns}, and the columns it returns are stored into that chunk. A batch stored whole
     * ({@code store.batch_column}) is one chunk and gets whole columns. Runs on the caller's thread and joins its
     * transaction: memory holds one chunk and what {@code columns} keeps.
     *
     * @param read    the stored columns each chunk is read with (missing names are skipped)
     * @param columns the columns to store for a chunk: each of the chunk's row count, the same names in the same order
     *                for every chunk
     * @return the stored batch
     * @throws IllegalArgumentException when a returned column's length differs from its chunk's row count
     * @throws PoisonMessageException   when no batch has this id
     */
    public Stored addColumns(String batchId, Collection<String> read,
                             java.util.function.Function<ColumnBatch, List<Column>> columns) {
        try (Connection c = dataSource.getConnection()) {
            Stored stored = stored(c, batchId);
            if (!stored.chunked()) {
                List<Column> whole = columns.apply(loadColumns(c, batchId, stored.source(), read));
                requireRows(whole, stored.rows(), "stored batch " + batchId);
                saveWholeColumns(c, batchId, whole);
                return stored;
            }
            List<Integer> chunkRows = new ArrayList<>();
            int next = 0;
            try (PreparedStatement ps = c.prepareStatement("select chunk_no, max(row_count), max(position) + 1"
                    + " from store.batch_chunk where batch_id = ? group by chunk_no order by chunk_no")) {
                ps.setString(1, batchId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        chunkRows.add(rs.getInt(2));
                        next = Math.max(next, rs.getInt(3));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_CHUNK + " on conflict (batch_id, chunk_no, name)"
                    + " do update set kind = excluded.kind, row_count = excluded.row_count, data = excluded.data");
                 ColumnDecoder decoder = new ColumnDecoder(); ColumnEncoder encoder = new ColumnEncoder()) {
                for (int chunk = 0; chunk < chunkRows.size(); chunk++) {
                    List<Column> added = columns.apply(decoded(c, batchId, chunk, stored.source(), read, decoder));
                    requireRows(added, chunkRows.get(chunk), "chunk " + chunk + " of stored batch " + batchId);
                    // a new column's position follows the batch's columns in every chunk; a replaced one keeps its own
                    int position = next;
                    for (Column col : added) {
                        setChunkColumn(ps, encoder, batchId, chunk, position++, col);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return stored;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store columns of batch " + batchId + ": " + e.getMessage(), e);
        }
    }

    private static void requireRows(List<Column> columns, int rows, String where) {
        for (Column col : columns) {
            if (col.size() != rows) {
                throw new IllegalArgumentException("column '" + col.name() + "' has " + col.size() + " rows, "
                        + where + " has " + rows);
            }
        }
    }

    /** Adds or replaces whole columns of a batch stored before chunks existed. */
    private static void saveWholeColumns(Connection c, String batchId, List<Column> columns) throws SQLException {
        int next;
        try (PreparedStatement ps = c.prepareStatement(
                "select coalesce(max(position), -1) + 1 from store.batch_column where batch_id = ?")) {
            ps.setString(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                next = rs.getInt(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                INSERT_COLUMN + " on conflict (batch_id, name) do update set kind = excluded.kind, data = excluded.data")) {
            for (Column col : columns) {
                insertColumn(ps, batchId, next++, col);
            }
        }
    }

    /**
     * Loads a stored batch whole, only the named columns when {@code columns} is non-empty (missing names are
     * skipped; the pipeline reports columns it needs and does not find). Memory grows with the rows: the services
     * {@link #streamBatch stream} a batch instead, or {@link #addColumns add columns} chunk by chunk; only tests load
     * one whole.
     *
     * @throws PoisonMessageException when no batch has this id
     */
    public ColumnBatch loadBatch(String batchId, Collection<String> columns) {
        try (Connection c = dataSource.getConnection()) {
            Stored stored = stored(c, batchId);
            if (!stored.chunked()) {
                return loadColumns(c, batchId, stored.source(), columns);
            }
            java.util.Map<String, List<Column>> chunksOf = new java.util.LinkedHashMap<>();
            try (ColumnDecoder decoder = new ColumnDecoder()) {
                for (int chunk = 0; chunk < stored.chunks(); chunk++) {
                    for (Column col : decoded(c, batchId, chunk, stored.source(), columns, decoder).columns().values()) {
                        chunksOf.computeIfAbsent(col.name(), n -> new ArrayList<>()).add(col);
                    }
                }
            }
            List<Column> whole = new ArrayList<>();
            chunksOf.forEach((name, parts) -> whole.add(ColumnChunks.concat(name, parts)));
            return ColumnBatch.of(stored.source(), whole);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load batch " + batchId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a stored batch chunk by chunk, in row order, handing each to {@code sink}: only the named columns when
     * {@code columns} is non-empty (missing names are skipped). A batch stored in chunks arrives in its chunks (at
     * least one, empty when the batch has no rows), one stored before chunks existed as one chunk. {@code sink} runs on a
     * thread of its own while the next chunk is read: memory holds a few chunks ({@link ChunkHandoff#QUEUED_CHUNKS}
     * queued, one read, one counted) and what {@code sink} keeps.
     *
     * @return the batch's source and row count
     * @throws PoisonMessageException when no batch has this id
     */
    public Stored streamBatch(String batchId, Collection<String> columns, java.util.function.Consumer<ColumnBatch> sink) {
        Stored stored;
        try (Connection c = dataSource.getConnection()) {
            stored = stored(c, batchId);
            if (!stored.chunked()) {
                sink.accept(loadColumns(c, batchId, stored.source(), columns));
                return stored;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load batch " + batchId + ": " + e.getMessage(), e);
        }
        streamChunks(batchId, stored.source(), columns, 0, stored.chunks() - 1, sink);
        return stored;
    }

    /**
     * Reads chunks {@code firstChunk} to {@code lastChunk} (both included) of a batch stored in chunks, as
     * {@link #streamBatch} reads them all: a chunk task's part of the batch.
     *
     * @throws PoisonMessageException when no batch has this id, or it is not stored in chunks
     */
    public void streamChunks(String batchId, Collection<String> columns, int firstChunk, int lastChunk,
                             java.util.function.Consumer<ColumnBatch> sink) {
        Stored stored = describe(batchId);
        if (!stored.chunked() || lastChunk >= stored.chunks()) {
            throw new PoisonMessageException("stored batch " + batchId + " has no chunk " + lastChunk);
        }
        streamChunks(batchId, stored.source(), columns, firstChunk, lastChunk, sink);
    }

    private void streamChunks(String batchId, String source, Collection<String> columns, int firstChunk,
                              int lastChunk, java.util.function.Consumer<ColumnBatch> sink) {
        // the sink counts a chunk on its own thread while the next one is read and decoded here
        // one decoder for every chunk: its inflater and buffer are reused, not allocated per column
        try (ChunkHandoff<ColumnBatch> counting = new ChunkHandoff<>("batch-reader-" + batchId, sink);
             ColumnDecoder decoder = new ColumnDecoder()) {
            for (int chunk = firstChunk; chunk <= lastChunk; chunk++) {
                ColumnBatch rows;
                // a connection per chunk: none is held while waiting for the sink
                try (Connection c = dataSource.getConnection()) {
                    rows = decoded(c, batchId, chunk, source, columns, decoder);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot load chunk " + chunk + " of batch " + batchId + ": "
                            + e.getMessage(), e);
                }
                counting.put(rows);
            }
            counting.finish();
        }
    }

    /** The PostgreSQL notification channel of {@link #announceStarted}: the hint that a batch is being stored. */
    public static final String STARTED_CHANNEL = "modelwatch_batch_started";

    /**
     * Tells whoever listens on {@link #STARTED_CHANNEL} (drift- and performance-service) that a batch is being stored
     * for a run against {@code referenceId}, so that they may count its chunks as they are stored. Only a hint: sent at
     * once (not through the outbox), lost when nobody listens; {@code batch.ready} stays what triggers a section.
     */
    public void announceStarted(String batchId, String referenceId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select pg_notify(?, ?)")) {
            ps.setString(1, STARTED_CHANNEL);
            ps.setString(2, batchId + "\t" + referenceId);
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot announce batch " + batchId + ": " + e.getMessage(), e);
        }
    }

    /**
     * How far a batch being stored in chunks is: its first {@code complete} chunks are fully written (the writer
     * writes chunks in order, one after the other, so a chunk is complete once the next one has begun, or once the
     * batch is sealed by {@link ChunkedBatch#finish}). Empty when no batch has this id (never stored, or deleted).
     */
    public Optional<Progress> progress(String batchId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select b.source, b.chunk_count, (select coalesce(max(k.chunk_no) + 1, 0) from store.batch_chunk k"
                        + " where k.batch_id = b.batch_id) from store.batch b where b.batch_id = ?")) {
            ps.setString(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int sealed = rs.getInt(2);
                boolean chunked = !rs.wasNull();
                int begun = rs.getInt(3);
                return Optional.of(sealed > 0 ? new Progress(rs.getString(1), chunked, sealed, true)
                        : new Progress(rs.getString(1), chunked, Math.max(0, begun - 1), false));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read batch " + batchId + ": " + e.getMessage(), e);
        }
    }

    /**
     * A batch being stored: its source, whether it is stored in chunks, the chunks fully written, and whether it is
     * sealed (every chunk written and counted in {@code store.batch}).
     */
    public record Progress(String source, boolean chunked, int complete, boolean sealed) {
    }

    /**
     * One complete chunk of a batch, only the named columns when {@code columns} is non-empty, decoded with the
     * caller's {@code decoder} (one per reading thread, reused for every chunk it reads, as {@link #streamChunks} does).
     */
    public ColumnBatch chunk(String batchId, String source, int chunk, Collection<String> columns,
                             ColumnDecoder decoder) {
        try (Connection c = dataSource.getConnection()) {
            return decoded(c, batchId, chunk, source, columns, decoder);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load chunk " + chunk + " of batch " + batchId + ": "
                    + e.getMessage(), e);
        }
    }

    /** The stored batch with this id: its source, rows and chunks. */
    public Stored describe(String batchId) {
        try (Connection c = dataSource.getConnection()) {
            return stored(c, batchId);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read batch " + batchId + ": " + e.getMessage(), e);
        }
    }

    /**
     * A stored batch as {@code store.batch} describes it.
     *
     * @param chunks its chunk count, or {@code null} for a batch stored whole (column by column)
     */
    public record Stored(String batchId, String source, int rows, Integer chunks) {

        public boolean chunked() {
            return chunks != null;
        }
    }

    private static Stored stored(Connection c, String batchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select source, row_count, chunk_count from store.batch where batch_id = ?")) {
            ps.setString(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new PoisonMessageException("no stored batch with id '" + batchId + "'");
                }
                int chunks = rs.getInt(3);
                Integer chunkCount = rs.wasNull() ? null : chunks;
                return new Stored(batchId, rs.getString(1), rs.getInt(2), chunkCount);
            }
        }
    }

    private static ColumnBatch loadColumns(Connection c, String batchId, String source, Collection<String> columns)
            throws SQLException {
        try (ColumnDecoder decoder = new ColumnDecoder()) {
            return decoded(c, batchId, null, source, columns, decoder);
        }
    }

    /** The named columns (all when empty) of a whole-column batch ({@code chunk} null) or of one chunk, decoded. */
    private static ColumnBatch decoded(Connection c, String batchId, Integer chunk, String source,
                                       Collection<String> columns, ColumnDecoder decoder) throws SQLException {
        boolean all = columns == null || columns.isEmpty();
        String sql = "select name, data from " + (chunk == null ? "store.batch_column where batch_id = ?"
                : "store.batch_chunk where batch_id = ? and chunk_no = ?")
                + (all ? "" : " and name = any (?)") + " order by position";
        List<Column> loaded = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binaryResults(ps);
            int p = 1;
            ps.setString(p++, batchId);
            if (chunk != null) {
                ps.setInt(p++, chunk);
            }
            if (!all) {
                ps.setArray(p, c.createArrayOf("text", columns.toArray()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    loaded.add(decoder.decode(rs.getString(1), rs.getBytes(2)));
                }
            }
        }
        return ColumnBatch.of(source, loaded);
    }

    /**
     * Asks the driver for the statement's results in PostgreSQL's binary format from its first execution: the
     * driver otherwise reads a {@code bytea} as hex text (twice the bytes on the wire, encoded by the server and
     * decoded by {@code PGbytea}) until the statement has run {@code prepareThreshold} times on one connection,
     * which a chunk read on a pooled connection rarely reaches.
     */
    static void binaryResults(PreparedStatement ps) throws SQLException {
        if (ps.isWrapperFor(org.postgresql.PGStatement.class)) {
            ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
        }
    }

    /**
     * The next reference version of a model, with the model locked until the transaction ends (two registrations of
     * one model at once get consecutive versions). Call it in the transaction that saves the profile.
     */
    public int nextVersion(String modelId) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
                ps.setString(1, "store.reference:" + modelId);
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "select coalesce(max(version), 0) + 1 from store.reference_profile where model_id = ?")) {
                ps.setString(1, modelId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot number the reference of " + modelId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stores a registered reference: its profile (with the model's configuration in it) as version {@code version}
     * of the model.
     *
     * @param configSource where the configuration came from: {@code inline}, a path or URL, or {@code inferred}
     */
    public void saveProfile(String referenceId, String modelId, int version, String source, int rowCount,
                            String configSource, byte[] profile) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "insert into store.reference_profile(reference_id, model_id, version, source, row_count,"
                             + " config_source, profile, created_at) values (?,?,?,?,?,?,?,?)")) {
            ps.setString(1, referenceId);
            ps.setString(2, modelId);
            ps.setInt(3, version);
            ps.setString(4, source);
            ps.setInt(5, rowCount);
            ps.setString(6, configSource);
            ps.setBytes(7, profile);
            ps.setTimestamp(8, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the reference profile of " + modelId + ": " + e.getMessage(), e);
        }
    }

    /**
     * The first {@code bytes} bytes of a registered reference's stored profile (all of it when shorter): its
     * header and configuration come first ({@code ReferenceProfile.configOf} reads no further), so a service that
     * needs only the configuration need not read a profile of megabytes.
     */
    public Optional<byte[]> profileHead(String referenceId, int bytes) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select substring(profile from 1 for ?)"
                     + " from store.reference_profile where reference_id = ?")) {
            binaryResults(ps);
            ps.setInt(1, bytes);
            ps.setString(2, referenceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load reference " + referenceId + ": " + e.getMessage(), e);
        }
    }

    /** A registered reference by id, with its profile. */
    public Optional<StoredProfile> profile(String referenceId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select " + VERSION_COLUMNS + ", profile"
                     + " from store.reference_profile where reference_id = ?")) {
            binaryResults(ps);
            ps.setString(1, referenceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredProfile(version(rs), rs.getBytes(9)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read reference " + referenceId + ": " + e.getMessage(), e);
        }
    }

    /** Every reference version of a model, oldest first (without the profiles). */
    public List<ReferenceVersion> versions(String modelId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select " + VERSION_COLUMNS
                     + " from store.reference_profile where model_id = ? order by version")) {
            ps.setString(1, modelId);
            List<ReferenceVersion> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(version(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the references of " + modelId + ": " + e.getMessage(), e);
        }
    }

    /** The models with a registered reference, by id. */
    public List<String> modelIds() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select distinct model_id from store.reference_profile order by model_id");
             ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the models: " + e.getMessage(), e);
        }
    }

    /**
     * Retires a version: no new run may use it (its runs keep pointing to it). Retiring it again changes nothing.
     *
     * @return the version as stored afterwards, empty when the model has no such version
     */
    public Optional<ReferenceVersion> retire(String modelId, int version, Instant at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update store.reference_profile set retired_at = ?"
                     + " where model_id = ? and version = ? and retired_at is null")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, modelId);
            ps.setInt(3, version);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot retire version " + version + " of " + modelId + ": " + e.getMessage(), e);
        }
        return versions(modelId).stream().filter(v -> v.version() == version).findFirst();
    }

    private static final String VERSION_COLUMNS =
            "reference_id, model_id, version, source, row_count, config_source, created_at, retired_at";

    private static ReferenceVersion version(ResultSet rs) throws SQLException {
        Timestamp retired = rs.getTimestamp(8);
        return new ReferenceVersion(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getInt(5),
                rs.getString(6), rs.getTimestamp(7).toInstant(), retired == null ? null : retired.toInstant());
    }

    /**
     * One registered reference of a model.
     *
     * @param version      1, 2, ... per model, in registration order
     * @param configSource where the model's configuration came from ({@code inline}, a path or URL, {@code inferred})
     * @param retiredAt    when it was retired, or {@code null} while runs may use it
     */
    public record ReferenceVersion(String referenceId, String modelId, int version, String source, int rowCount,
                                   String configSource, Instant registeredAt, Instant retiredAt) {

        public boolean retired() {
            return retiredAt != null;
        }

        /** The version new runs of a model use: the newest one not retired (versions oldest first). */
        public static Optional<ReferenceVersion> current(List<ReferenceVersion> versions) {
            return versions.stream().filter(v -> !v.retired()).reduce((a, b) -> b);
        }
    }

    /** A registered reference and its serialised {@code ReferenceProfile} (which carries the model's configuration). */
    public record StoredProfile(ReferenceVersion reference, byte[] profile) {

        public String referenceId() {
            return reference.referenceId();
        }

        public String source() {
            return reference.source();
        }

        public int rowCount() {
            return reference.rowCount();
        }
    }

    /** One row of {@code store.batch_column}: the column's encoded bytes at its position in the batch. */
    private static void insertColumn(PreparedStatement ps, String batchId, int position, Column col) throws SQLException {
        ps.setString(1, batchId);
        ps.setInt(2, position);
        ps.setString(3, col.name());
        ps.setString(4, ColumnBytes.kind(col));
        ps.setBytes(5, ColumnBytes.encode(col));
        ps.executeUpdate();
    }

    /** The parameters of one row of {@code store.batch_chunk}: one column of one chunk, encoded. */
    private static void setChunkColumn(PreparedStatement ps, ColumnEncoder encoder, String batchId, int chunk,
                                       int position, Column col) throws SQLException {
        ps.setString(1, batchId);
        ps.setInt(2, chunk);
        ps.setInt(3, position);
        ps.setString(4, col.name());
        ps.setString(5, ColumnBytes.kind(col));
        ps.setInt(6, col.size());
        ps.setBytes(7, encoder.encode(col));
    }
}
