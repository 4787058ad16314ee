package io.modelwatch.core.synth;

import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;

/**
 * Test-only reader of a batch written by {@link ChurnDataGenerator}: its columns as primitive arrays.
 * The generator writes no quoted fields, so a plain split on commas is enough (a full CSV reader lives in
 * {@code core.data}); numeric feature cells may be empty (NaN).
 */
public record GeneratedChurnBatch(List<String> header, String[] customerId, double[] probability, int[] predicted,
                                  int[] actual, String[][] cells) {

    /** Generates {@code rows} rows of {@code scenario} with {@code seed} and reads them back. */
    public static GeneratedChurnBatch generate(Scenario scenario, int rows, long seed, String idPrefix) {
        StringWriter out = new StringWriter(rows * 200);
        try {
            ChurnDataGenerator.of(scenario, LocalDate.of(2024, 3, 1), idPrefix).write(out, rows, seed);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return parse(out.toString());
    }

    static GeneratedChurnBatch parse(String csv) {
        String[] lines = csv.split("\n");
        List<String> header = List.of(lines[0].split(",", -1));
        int n = lines.length - 1;
        String[][] cells = new String[n][];
        String[] ids = new String[n];
        double[] prob = new double[n];
        int[] pred = new int[n];
        int[] act = new int[n];
        int cId = header.indexOf("customer_id");
        int cProb = header.indexOf("churn_probability");
        int cPred = header.indexOf("churn_class");
        int cAct = header.indexOf("churn_actual");
        for (int i = 0; i < n; i++) {
            String[] f = lines[i + 1].split(",", -1);
            if (f.length != header.size()) {
                throw new IllegalStateException("line " + (i + 2) + " has " + f.length + " fields, expected "
                        + header.size());
            }
            cells[i] = f;
            ids[i] = f[cId];
            prob[i] = Double.parseDouble(f[cProb]);
            pred[i] = Integer.parseInt(f[cPred]);
            act[i] = Integer.parseInt(f[cAct]);
        }
        return new GeneratedChurnBatch(header, ids, prob, pred, act, cells);
    }

    public int rows() {
        return probability.length;
    }

    /** A column's raw cells. */
    public String[] column(String name) {
        int c = header.indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException("no column '" + name + "' in " + header);
        }
        String[] out = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            out[i] = cells[i][c];
        }
        return out;
    }

    /** A numeric column; empty cells are NaN. */
    public double[] numeric(String name) {
        String[] raw = column(name);
        double[] out = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = raw[i].isEmpty() ? Double.NaN : Double.parseDouble(raw[i]);
        }
        return out;
    }
}
