package io.modelwatch.core.golden;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.core.drift.CategoricalSample;
import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.NumericSample;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The loader reads every dataset of stattests.json with the sizes the file declares. */
class GoldenStattestsTest {

    @Test
    void everyDatasetLoadsWithItsDeclaredSize() {
        Iterator<Map.Entry<String, JsonNode>> it = GoldenStattests.root().path("datasets").fields();
        int seen = 0;
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String id = e.getKey();
            JsonNode ds = e.getValue();
            ColumnKind kind = ds.path("kind").asText().equals("numeric") ? ColumnKind.NUMERIC : ColumnKind.CATEGORICAL;
            long nullsRef = ds.has("reference") ? countNulls(ds.get("reference")) : 0;
            long nullsCur = ds.has("current") ? countNulls(ds.get("current")) : 0;
            assertThat(GoldenStattests.reference(id, kind).size()).as(id).isEqualTo(ds.path("n_reference").asLong() - nullsRef);
            assertThat(GoldenStattests.current(id, kind).size()).as(id).isEqualTo(ds.path("n_current").asLong() - nullsCur);
            seen++;
        }
        assertThat(seen).isEqualTo(27);
    }

    @Test
    void numericDatasetsAlsoLoadAsCategories() {
        assertThat(GoldenStattests.reference("num_lowcard_n100", ColumnKind.CATEGORICAL))
                .isInstanceOf(CategoricalSample.class);
        assertThat(GoldenStattests.reference("num_n2000", ColumnKind.NUMERIC)).isInstanceOf(NumericSample.class);
        assertThat(((NumericSample) GoldenStattests.reference("num_n2000", ColumnKind.NUMERIC)).values()[0])
                .isEqualTo(79.2482);
    }

    @Test
    void casesCarryExpectedFields() {
        var cases = GoldenStattests.cases("t_test");
        assertThat(cases).hasSize(11);
        var constant = cases.stream().filter(c -> c.dataset().equals("num_constant_n30")).findFirst().orElseThrow();
        assertThat(constant.pValue()).isNaN();
        assertThat(constant.drift()).isFalse();
        var es = GoldenStattests.cases("es").stream().filter(c -> c.dataset().equals("num_constant_n30")).findFirst().orElseThrow();
        assertThat(es.isError()).isTrue();
        assertThat(es.error()).isEqualTo("ValueError");
    }

    private static long countNulls(JsonNode array) {
        long n = 0;
        for (JsonNode v : array) {
            if (v.isNull()) {
                n++;
            }
        }
        return n;
    }
}
