package io.modelwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.core.run.StreamingRun;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run --labels} joins the labels to each streamed chunk of the current file (more rows than one chunk):
 * the report is that of the whole-batch join ({@code --in-memory}) and that of a plain run on a file the test
 * labels itself (first label of an id wins, a prediction without a label has an empty target), number for number.
 * The label file has labels in reverse row order, ids of no prediction and a repeated id; a label file without the
 * target column is refused naming the file and the column.
 */
class LabelsInChunksTest {

    /** More than one chunk of the streamed run. */
    private static final int ROWS = StreamingRun.DEFAULT_CHUNK_ROWS + 4_464;
    private static final int TARGET = 4;
    private static final int LABEL_DATE = 5;

    @TempDir
    static Path dir;

    private Path reference;
    private Path predictions;
    private Path labels;
    private Path labelledByTest;
    private long matched;

    @BeforeEach
    void files() throws IOException {
        reference = CliFixture.reference(dir, 8_000);
        Path current = CliFixture.current(dir, Scenario.CONCEPT, ROWS, 31);
        List<String> lines = Files.readAllLines(current);
        List<String> predictionLines = new ArrayList<>();
        List<String> labelLines = new ArrayList<>();
        Map<String, String> firstLabel = new HashMap<>();
        predictionLines.add(withoutLabels(lines.get(0).split(",", -1)));
        for (int r = lines.size() - 1; r >= 1; r--) {
            String[] f = lines.get(r).split(",", -1);
            if (r % 20 != 0) {
                // nineteen predictions in twenty labelled (above labels.min_coverage), the labels in reverse order of the predictions
                labelLines.add(f[0] + "," + f[TARGET]);
                firstLabel.putIfAbsent(f[0], f[TARGET]);
            }
        }
        for (int r = 1; r < lines.size(); r++) {
            predictionLines.add(withoutLabels(lines.get(r).split(",", -1)));
        }
        // a repeated id (its first label, above, is the one used) and three ids of no prediction
        String repeated = lines.get(2).split(",", -1)[0];
        labelLines.add(repeated + "," + (firstLabel.get(repeated).equals("1") ? "0" : "1"));
        labelLines.add("NOBODY-1,1");
        labelLines.add("NOBODY-2,0");
        labelLines.add("NOBODY-3,1");
        labelLines.add(0, "customer_id,churn_actual");
        predictions = Files.write(dir.resolve("predictions.csv"), predictionLines);
        labels = Files.write(dir.resolve("labels.csv"), labelLines);

        List<String> labelled = new ArrayList<>();
        labelled.add(predictionLines.get(0) + ",churn_actual");
        matched = 0;
        for (int r = 1; r < predictionLines.size(); r++) {
            String id = predictionLines.get(r).split(",", 2)[0];
            String label = firstLabel.get(id);
            matched += label == null ? 0 : 1;
            labelled.add(predictionLines.get(r) + "," + (label == null ? "" : label));
        }
        labelledByTest = Files.write(dir.resolve("labelled-by-test.csv"), labelled);
    }

    private static String withoutLabels(String[] fields) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            if (i != TARGET && i != LABEL_DATE) {
                kept.add(fields[i]);
            }
        }
        return String.join(",", kept);
    }

    @Test
    void chunkedLabelsGiveTheReportOfTheWholeBatchJoin() throws Exception {
        Path chunked = dir.resolve("chunked");
        Path whole = dir.resolve("whole");
        Path plain = dir.resolve("plain");
        CliFixture.Outcome c = CliFixture.run("run", "--reference", reference.toString(), "--current",
                predictions.toString(), "--labels", labels.toString(), "--out", chunked.toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.err()).contains("each joined to its labels")
                .contains(String.format(java.util.Locale.ROOT,
                        "labels: %,d matched, 3 without a prediction, 1 repeated ids", matched));
        CliFixture.Outcome w = CliFixture.run("run", "--reference", reference.toString(), "--current",
                predictions.toString(), "--labels", labels.toString(), "--in-memory", "--out", whole.toString(), "-q");
        assertThat(w.exitCode()).as(w.err()).isZero();
        CliFixture.Outcome p = CliFixture.run("run", "--reference", reference.toString(), "--current",
                labelledByTest.toString(), "--out", plain.toString(), "-q");
        assertThat(p.exitCode()).as(p.err()).isZero();

        assertThat(c.out()).doesNotContain("no labels");
        assertThat(ProfileAndStreamingTest.comparable(chunked)).isEqualTo(ProfileAndStreamingTest.comparable(whole));
        // the plain run's quality section names its one file, the labelled runs' both files
        assertThat(withoutSource(chunked)).isEqualTo(withoutSource(plain));
        for (String file : new String[] {"alerts.csv"}) {
            assertThat(Files.readString(chunked.resolve(file))).isEqualTo(Files.readString(whole.resolve(file)))
                    .isEqualTo(Files.readString(plain.resolve(file)));
        }
    }

    private static JsonNode withoutSource(Path out) throws Exception {
        JsonNode snapshot = ProfileAndStreamingTest.comparable(out);
        assertThat(snapshot.at("/quality/source").isTextual()).isTrue();
        ((ObjectNode) snapshot.get("quality")).remove("source");
        return snapshot;
    }

    @Test
    void aLabelFileWithoutTheTargetIsRefusedNamingFileAndColumn() throws Exception {
        Path noTarget = Files.write(dir.resolve("no-target.csv"), List.of("customer_id,outcome", "C1,1"));
        CliFixture.Outcome o = CliFixture.run("run", "--reference", reference.toString(), "--current",
                predictions.toString(), "--labels", noTarget.toString(), "--out", dir.resolve("x").toString(), "-q");
        assertThat(o.exitCode()).isEqualTo(MonitorCommand.EXIT_BAD_INPUT);
        assertThat(o.err()).contains("no-target.csv").contains("churn_actual");
    }
}
