package io.modelwatch.cli;

import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.TableReader;
import io.modelwatch.parquet.ParquetTableReader;

import java.nio.file.Path;

/** The reader of an input file by its format: Parquet (magic bytes {@code PAR1}, or a missing {@code *.parquet}), else CSV. */
final class InputFiles {

    private InputFiles() {
    }

    /** {@code csv} for a CSV file (plain or gzip), the Parquet reader for a Parquet file. */
    static TableReader reader(Path file, CsvReader csv) {
        return ParquetTableReader.isParquet(file) ? ParquetTableReader.withDefaults() : csv;
    }
}
