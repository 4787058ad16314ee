package io.modelwatch.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Where the ingest service reads batches from. */
@ConfigMapping(prefix = "modelwatch.ingest")
public interface IngestSettings {

    /** Folder for files downloaded from a URL source before reading (deleted after the read). */
    @WithDefault("${java.io.tmpdir}")
    String downloadDir();

    /** Timeout of a URL download, in seconds. */
    @WithDefault("120")
    int downloadTimeoutSeconds();

    /**
     * Base URL of alert-service, asked for a model's open alerts by {@code GET /models/{id}} (a call with a timeout;
     * when it fails the answer says so instead of the alerts).
     */
    @WithDefault("http://localhost:8084")
    String alertServiceUrl();

    /**
     * Rows per chunk of a day's batch: the batch is read and stored in chunks of this many rows (the last may have
     * fewer), and the drift and performance services read it back chunk by chunk, so memory holds a chunk, not the
     * batch. The numbers do not depend on it (the sections are exact counts merged over the chunks).
     */
    @WithDefault("65536")
    int chunkRows();

    /** The warehouse source: a parameterised query over the service's datasource. */
    Warehouse warehouse();

    interface Warehouse {
        /**
         * SQL returning the day's predictions, with exactly one {@code ?} bound to the snapshot date; absent
         * disables {@code warehouse:} sources. Example:
         * {@code select * from warehouse.predictions where prediction_date = ?}.
         */
        Optional<String> query();

        /**
         * SQL returning the labels of one prediction date ({@code customer_id, churn_actual,
         * label_effective_date}), with exactly one {@code ?} bound to that date; absent disables
         * {@code warehouse:} sources of {@code POST /labels}. Example:
         * {@code select * from warehouse.churn_labels where prediction_date = ?}.
         */
        Optional<String> labelsQuery();

        /** The query is cancelled after this many seconds (a stuck warehouse must not hold the run forever). */
        @WithDefault("300")
        int queryTimeoutSeconds();
    }
}
