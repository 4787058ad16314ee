package io.modelwatch.core.run;

import io.modelwatch.core.run.section.SegmentDriftAccumulator;
import io.modelwatch.core.result.ColumnDrift;
import io.modelwatch.core.result.DriftSection;
import io.modelwatch.core.result.SegmentFeatureDrift;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.report.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The drift within segments against an independent reference: {@code segdrift/expected.csv}, computed with scipy 1.17.1
 * by {@code segdrift/make_expected.py} on the committed {@code reference.csv} / {@code current.csv} (segments of
 * {@code plan}; ks_2samp for x and y, Evidently's chisquare for c; Benjamini–Hochberg by
 * {@code scipy.stats.false_discovery_control}). Minimum rows 100/100, so the 60-row segment "tiny" is not tested.
 * Tolerances: statistics 1e-12, p-values 1e-9 relative (the exact KS p-value and the chi-square survival function
 * come from other implementations than scipy's).
 */
class SegmentDriftReferenceTest {

    static final String YAML = """
            model_id: segdrift-reference
            roles: {id: customer_id, probability: churn_probability}
            features:
              - {name: x, kind: numeric}
              - {name: y, kind: numeric}
              - {name: c, kind: categorical}
              - {name: plan, kind: categorical}
            segments:
              - {name: plan, column: plan}
            alert_rules: []
            drift:
              within_segments: {min_reference_rows: 100, min_current_rows: 100, fdr_q: 0.05}
            """;

    record Expected(String segment, String feature, String method, double statistic, double pValue, Double adjusted,
                    Boolean drifted) {
    }

    static MonitoringPipeline pipeline;
    static ReferenceProfile profile;
    static ColumnBatch current;
    static List<Expected> expected = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        MonitoringConfig config = ConfigLoader.parse(YAML, "SegmentDriftReferenceTest");
        pipeline = MonitoringPipeline.of(config);
        TableSchema schema = TableSchema.forConfig(config);
        profile = pipeline.profile(CsvReader.withDefaults().read(resource("reference.csv"), schema));
        current = CsvReader.withDefaults().read(resource("current.csv"), schema);
        List<String> lines = Files.readAllLines(resource("expected.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            expected.add(new Expected(f[0], f[1], f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                    f[5].isEmpty() ? null : Double.parseDouble(f[5]), f[6].isEmpty() ? null : Boolean.parseBoolean(f[6])));
        }
    }

    static Path resource(String name) throws Exception {
        return Path.of(SegmentDriftReferenceTest.class.getResource("/segdrift/" + name).toURI());
    }

    @Test
    void everySegmentTestAgreesWithScipyAndTheBenjaminiHochbergVerdicts() {
        DriftSection d = pipeline.drift(profile, current);
        Map<String, Boolean> wholeDrifted = new LinkedHashMap<>();
        for (Expected e : expected.stream().filter(e -> e.segment().isEmpty()).toList()) {
            ColumnDrift c = d.drift().columns().stream().filter(x -> x.column().equals(e.feature())).findFirst()
                    .orElseThrow();
            assertThat(c.method()).isEqualTo(e.method());
            assertThat(c.statistic()).isCloseTo(e.statistic(), within(1e-12));
            assertThat(c.pValue()).isCloseTo(e.pValue(), within(1e-9 * e.pValue()));
            wholeDrifted.put(e.feature(), e.pValue() <= 0.05);
        }
        List<Expected> segments = expected.stream().filter(e -> !e.segment().isEmpty()).toList();
        assertThat(d.segmentDrift()).as("plan=tiny has 60 rows: not tested").hasSize(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            Expected e = segments.get(i);
            SegmentFeatureDrift s = d.segmentDrift().get(i);
            assertThat(s.key() + " " + s.column()).isEqualTo(e.segment() + " " + e.feature());
            assertThat(s.method()).isEqualTo(e.method());
            assertThat(s.statistic()).as(s.key() + " " + s.column()).isCloseTo(e.statistic(), within(1e-12));
            assertThat(s.pValue()).as(s.key() + " " + s.column()).isCloseTo(e.pValue(), within(1e-9 * e.pValue()));
            assertThat(s.adjustedPValue()).isCloseTo(e.adjusted(), within(1e-9 * e.adjusted()));
            assertThat(s.drifted()).as(s.key() + " " + s.column()).isEqualTo(e.drifted());
            assertThat(s.populationDrifted()).isEqualTo(wholeDrifted.get(e.feature()));
            assertThat(s.masked()).isEqualTo(e.drifted() && !wholeDrifted.get(e.feature()));
        }
        // the data plant: x shifts up in basic and down in plus, the whole batch's x stays calm: masked twice
        assertThat(d.segmentDrift().stream().filter(SegmentFeatureDrift::masked).map(s -> s.key() + " " + s.column()))
                .containsExactly("plan=basic x", "plan=plus x");
    }

    @Test
    void chunksMergedThroughTheirBytesGiveTheWholeBatchResult() throws Exception {
        DriftSection whole = pipeline.drift(profile, current);
        int n = current.rowCount();
        SegmentDriftAccumulator first = pipeline.segmentDriftAccumulator(profile);
        first.add(rows(current, 0, n / 3));
        first.add(rows(current, n / 3, n / 2));
        SegmentDriftAccumulator second = pipeline.segmentDriftAccumulator(profile);
        second.add(rows(current, n / 2, n));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        second.writeTo(new DataOutputStream(bytes));
        SegmentDriftAccumulator back = pipeline.segmentDriftAccumulator(profile);
        back.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                ColumnBatch.empty(current.source(), current.columnTypes()));
        List<SegmentFeatureDrift> merged = first.merge(back).result(whole.drift());
        assertThat(merged).hasSameSizeAs(whole.segmentDrift());
        for (int i = 0; i < merged.size(); i++) {
            SegmentFeatureDrift a = merged.get(i);
            SegmentFeatureDrift b = whole.segmentDrift().get(i);
            assertThat(a.key() + a.column() + a.currentRows() + a.drifted() + a.masked())
                    .isEqualTo(b.key() + b.column() + b.currentRows() + b.drifted() + b.masked());
            assertThat(a.statistic()).isCloseTo(b.statistic(), within(1e-12));
            assertThat(a.pValue()).isCloseTo(b.pValue(), within(1e-12 * b.pValue()));
            assertThat(a.psi()).isCloseTo(b.psi(), within(1e-12));
        }
    }

    @Test
    void theSectionTravelsAsJsonBetweenServices() throws Exception {
        DriftSection d = pipeline.drift(profile, current);
        DriftSection back = Json.mapper().readValue(Json.mapper().writeValueAsBytes(d), DriftSection.class);
        assertThat(back.segmentDrift()).isEqualTo(d.segmentDrift());
    }

    /** Rows [from, to) of a batch (string, numeric and categorical columns). */
    static ColumnBatch rows(ColumnBatch batch, int from, int to) {
        List<Column> columns = new ArrayList<>();
        for (Column c : batch.columns().values()) {
            if (c instanceof NumericColumn num) {
                columns.add(new NumericColumn(c.name(), Arrays.copyOfRange(num.values(), from, to)));
            } else if (c instanceof CategoricalColumn cat) {
                columns.add(new CategoricalColumn(c.name(), cat.dictionary(), Arrays.copyOfRange(cat.codes(), from, to)));
            } else if (c instanceof StringColumn s) {
                String[] values = new String[to - from];
                for (int i = from; i < to; i++) {
                    values[i - from] = s.get(i);
                }
                columns.add(new StringColumn(c.name(), values));
            }
        }
        return ColumnBatch.of(batch.source(), columns);
    }
}
