package io.modelwatch.core.synth;

import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.TableSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Test-only: a generated churn file, optionally with injected edge cases, read whole and in chunks through the
 * real CSV reader (chunks share one growing dictionary per categorical column), for the chunk accumulator
 * tests that compare a chunked result with the whole-batch one.
 */
public final class ChunkedChurnFile {

    /** Chunk sizes every accumulator test covers: one row, a few, many, and the whole file as one chunk. */
    public static final int[] CHUNK_ROWS = {1, 7, 1000, Integer.MAX_VALUE};

    /** What is written into the generated rows. */
    public enum Edits {
        /** The generator's rows as written. */
        NONE,
        /**
         * Null cells in segment columns, labels, classes, scores and ids; a category named {@code MISSING};
         * account ages outside and on the band edges; infinite charges.
         */
        EDGES,
        /** {@link #EDGES}, plus a few infinite scores (finite and non-null counts differ). */
        EDGES_AND_INFINITE_SCORES,
        /** No label at all. */
        NO_LABELS,
        /** Only about half of the rows labelled (under the default label coverage). */
        HALF_LABELLED,
        /** Without the id column. */
        NO_IDS
    }

    private final Path file;
    private final TableSchema schema;

    private ChunkedChurnFile(Path file, TableSchema schema) {
        this.file = file;
        this.schema = schema;
    }

    /** Writes {@code rows} rows of {@code scenario} with {@code seed} into {@code dir}, then applies {@code edits}. */
    public static ChunkedChurnFile generate(Path dir, Scenario scenario, int rows, long seed, Edits edits,
                                            TableSchema schema) {
        try {
            Path file = dir.resolve(scenario + "-" + rows + "-" + seed + "-" + edits + ".csv");
            if (!Files.exists(file)) {
                ChurnDataGenerator.of(scenario, LocalDate.of(2026, 11, 27), "C").write(file, rows, seed);
                if (edits != Edits.NONE) {
                    Files.write(file, edit(Files.readAllLines(file), edits, new SplittableRandom(seed ^ 0x5EED)));
                }
            }
            return new ChunkedChurnFile(file, schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ColumnBatch whole() {
        return CsvReader.withDefaults().read(file, schema);
    }

    /** The file's chunks of at most {@code rows} rows, in file order. */
    public List<ColumnBatch> chunks(int rows) {
        List<ColumnBatch> out = new ArrayList<>();
        CsvReader.withDefaults().stream(file, schema, rows, out::add);
        return out;
    }

    private static List<String> edit(List<String> lines, Edits edits, SplittableRandom random) {
        List<String> header = List.of(lines.get(0).split(",", -1));
        int id = header.indexOf("customer_id");
        int score = header.indexOf("churn_probability");
        int cls = header.indexOf("churn_class");
        int label = header.indexOf("churn_actual");
        int contract = header.indexOf("contract_type");
        int age = header.indexOf("account_age");
        int charges = header.indexOf("monthly_charges");
        List<String> out = new ArrayList<>(lines.size());
        for (int r = 0; r < lines.size(); r++) {
            List<String> cells = new ArrayList<>(List.of(lines.get(r).split(",", -1)));
            if (edits == Edits.NO_IDS) {
                cells.remove(id);
            } else if (r > 0) {
                switch (edits) {
                    case NO_LABELS -> cells.set(label, "");
                    case HALF_LABELLED -> cells.set(label, random.nextBoolean() ? "" : cells.get(label));
                    case EDGES, EDGES_AND_INFINITE_SCORES -> {
                        double u = random.nextDouble();
                        if (u < 0.02) {
                            cells.set(contract, "");
                        } else if (u < 0.03) {
                            cells.set(contract, "MISSING");
                        }
                        u = random.nextDouble();
                        if (u < 0.02) {
                            cells.set(age, "");
                        } else if (u < 0.03) {
                            cells.set(age, "-5");
                        } else if (u < 0.04) {
                            cells.set(age, "120");
                        } else if (u < 0.05) {
                            cells.set(age, "500");
                        } else if (u < 0.06) {
                            cells.set(age, "12");
                        }
                        if (random.nextDouble() < 0.01) {
                            cells.set(charges, random.nextBoolean() ? "Infinity" : "-Infinity");
                        }
                        if (random.nextDouble() < 0.03) {
                            cells.set(label, "");
                        }
                        u = random.nextDouble();
                        if (u < 0.01) {
                            cells.set(cls, "");
                            cells.set(score, "");
                        } else if (u < 0.03) {
                            cells.set(cls, "");
                        } else if (u < 0.035 && edits == Edits.EDGES_AND_INFINITE_SCORES) {
                            cells.set(score, "Infinity");
                        }
                        if (random.nextDouble() < 0.02) {
                            cells.set(id, "");
                        }
                    }
                    default -> { }
                }
            }
            out.add(String.join(",", cells));
        }
        return out;
    }
}
