package io.modelwatch.core.importance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.core.data.CategoricalColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Golden cases from {@code golden/woe_iv.json}, produced by {@code make_golden.py} (pandas 1.5.3 {@code qcut},
 * numpy quantiles, WoE/IV computed in Python). Tolerance: 1e-9 relative for reals, exact for counts, edges and
 * interval labels.
 */
class WoeIvTest {

    private static final double REL_TOL = 1e-9;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> CASES = load();

    private static Map<String, JsonNode> load() {
        try (InputStream in = WoeIvTest.class.getResourceAsStream("/golden/woe_iv.json")) {
            Map<String, JsonNode> cases = new LinkedHashMap<>();
            JSON.readTree(in).get("cases").forEach(c -> cases.put(c.get("case_id").asText(), c));
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<String> caseIds() {
        assertThat(CASES).hasSize(7);
        return CASES.keySet().stream();
    }

    private static WoeIvResult compute(JsonNode c) {
        int[] y = ints(c.get("y"));
        JsonNode x = c.get("x");
        if (c.get("kind").asText().equals("numeric")) {
            double[] v = new double[x.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = x.get(i).isNull() ? Double.NaN : x.get(i).asDouble();
            }
            return WoeIv.numeric(v, y);
        }
        String[] v = new String[x.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = x.get(i).isNull() ? null : x.get(i).asText();
        }
        return WoeIv.categorical(v, y);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseIds")
    void matchesGolden(String id) {
        JsonNode c = CASES.get(id);
        JsonNode e = c.get("expected");
        WoeIvResult r = compute(c);

        assertThat(r.totalEvents()).isEqualTo(e.get("total_events").asLong());
        assertThat(r.totalNonEvents()).isEqualTo(e.get("total_non_events").asLong());
        if (c.get("kind").asText().equals("numeric")) {
            assertThat(r.kind()).isEqualTo(WoeIvResult.Kind.NUMERIC);
            List<Double> edges = new ArrayList<>();
            c.get("binning").get("edges").forEach(n -> edges.add(n.asDouble()));
            assertThat(r.edges()).as("edges").isEqualTo(edges);
        } else {
            assertThat(r.kind()).isEqualTo(WoeIvResult.Kind.CATEGORICAL);
            assertThat(r.edges()).isEmpty();
        }
        JsonNode bins = e.get("bins");
        assertThat(r.bins()).extracting(WoeBin::label)
                .containsExactlyElementsOf(() -> stream(bins).map(b -> b.get("bin").asText()).iterator());
        for (int k = 0; k < bins.size(); k++) {
            JsonNode g = bins.get(k);
            WoeBin a = r.bins().get(k);
            String bin = a.label();
            assertThat(a.count()).as("n of %s", bin).isEqualTo(g.get("n").asLong());
            assertThat(a.events()).as("events of %s", bin).isEqualTo(g.get("events").asLong());
            assertThat(a.nonEvents()).as("non_events of %s", bin).isEqualTo(g.get("non_events").asLong());
            assertThat(a.interval()).as("interval of %s", bin)
                    .isEqualTo(g.has("interval") ? g.get("interval").asText() : null);
            assertClose("dist_events of " + bin, a.distEvents(), g.get("dist_events"));
            assertClose("dist_non_events of " + bin, a.distNonEvents(), g.get("dist_non_events"));
            assertClose("woe_raw of " + bin, a.woeRaw(), g.get("woe_raw"));
            assertClose("woe_smoothed of " + bin, a.woeSmoothed(), g.get("woe_smoothed"));
            assertClose("iv_contribution_smoothed of " + bin, a.ivContributionSmoothed(),
                    g.get("iv_contribution_smoothed"));
        }
        assertClose("iv_raw", r.ivRaw(), e.get("iv_raw"));
        assertClose("iv_smoothed", r.ivSmoothed(), e.get("iv_smoothed"));
    }

    @Test
    void categoricalColumnGivesTheSameTableAsStrings() {
        JsonNode c = CASES.get("categorical_payment_method_n400");
        JsonNode x = c.get("x");
        List<String> dictionary = new ArrayList<>();
        int[] codes = new int[x.size()];
        for (int i = 0; i < codes.length; i++) {
            if (x.get(i).isNull()) {
                codes[i] = CategoricalColumn.NULL_CODE;
            } else {
                String v = x.get(i).asText();
                if (!dictionary.contains(v)) {
                    dictionary.add(v); // first-seen order, not sorted
                }
                codes[i] = dictionary.indexOf(v);
            }
        }
        WoeIvResult fromColumn = WoeIv.categorical(new CategoricalColumn("payment_method", dictionary, codes),
                ints(c.get("y")));
        assertThat(fromColumn).isEqualTo(compute(c));
    }

    @Test
    void rowsWithoutLabelAreIgnored() {
        WoeIvResult withUnlabelled = WoeIv.categorical(new String[] {"a", "a", "b", "b", "c"}, new int[] {0, 1, 1, 0, -1});
        WoeIvResult labelledOnly = WoeIv.categorical(new String[] {"a", "a", "b", "b"}, new int[] {0, 1, 1, 0});
        assertThat(withUnlabelled).isEqualTo(labelledOnly);
        assertThatThrownBy(() -> WoeIv.categorical(new String[] {"a"}, new int[] {2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[0] = 2");
    }

    // Hand-computed reference: A has 1 event / 3 non-events, B has 3 / 1, so E = NE = 4, B = 2, smoothing 0.5:
    //   A: distEvents = 1.5/5 = 0.3, distNonEvents = 3.5/5 = 0.7, WoE = ln(7/3), contribution 0.4·ln(7/3)
    //   B: distEvents = 0.7, distNonEvents = 0.3, WoE = ln(3/7), contribution 0.4·ln(7/3)   -> IV = 0.8·ln(7/3)
    // Current: A has 3 events / 1 non-event, B has 2 / 2, so E = 5, NE = 3, smoothed totals 6 and 4:
    //   A: distEvents = 3.5/6 = 7/12, distNonEvents = 1.5/4 = 3/8, WoE = ln(9/14) < 0 (flip),
    //      contribution (3/8 − 7/12)·ln(9/14) = (5/24)·ln(14/9)
    //   B: distEvents = 2.5/6 = 5/12, distNonEvents = 2.5/4 = 5/8, WoE = ln(3/2) > 0 (flip),
    //      contribution (5/8 − 5/12)·ln(3/2) = (5/24)·ln(3/2)
    //   IV = (5/24)·ln(14/9 · 3/2) = (5/24)·ln(7/3) -> change = 100·((5/24)/0.8 − 1) = 100·(25/96 − 1) = −73.958333...
    private static final double LN_7_3 = Math.log(7.0 / 3.0);
    private static final double HAND_CHANGE_PERCENT = 100.0 * (25.0 / 96.0 - 1.0);

    @Test
    void ivChangeAndSignFlipsCategorical() {
        WoeIvResult ref = WoeIv.categorical(new String[] {"A", "A", "A", "A", "B", "B", "B", "B"},
                new int[] {1, 0, 0, 0, 1, 1, 1, 0});
        WoeIvResult cur = WoeIv.categorical(new String[] {"A", "A", "A", "A", "B", "B", "B", "B"},
                new int[] {1, 1, 1, 0, 1, 1, 0, 0});
        assertThat(ref.ivSmoothed()).isCloseTo(0.8 * LN_7_3, within(1e-12));
        assertThat(cur.ivSmoothed()).isCloseTo(5.0 / 24.0 * LN_7_3, within(1e-12));
        assertThat(WoeIv.ivChangePercent(ref, cur)).isCloseTo(HAND_CHANGE_PERCENT, within(1e-9));
        List<WoeSignFlip> flips = WoeIv.signFlips(ref, cur);
        assertThat(flips).extracting(WoeSignFlip::label).containsExactly("A", "B");
        assertThat(flips.get(0).referenceWoe()).isCloseTo(LN_7_3, within(1e-12));
        assertThat(flips.get(0).currentWoe()).isCloseTo(Math.log(9.0 / 14.0), within(1e-12));
        assertThat(flips.get(1).referenceWoe()).isCloseTo(-LN_7_3, within(1e-12));
        assertThat(flips.get(1).currentWoe()).isCloseTo(Math.log(1.5), within(1e-12));
    }

    @Test
    void zeroWoeIsNoFlipAndZeroCurrentIvIsMinusHundredPercent() {
        // Current: A and B both 2 events / 2 non-events: every smoothed WoE is exactly ln(1) = 0, IV = 0.
        WoeIvResult ref = WoeIv.categorical(new String[] {"A", "A", "A", "A", "B", "B", "B", "B"},
                new int[] {1, 0, 0, 0, 1, 1, 1, 0});
        WoeIvResult cur = WoeIv.categorical(new String[] {"A", "A", "A", "A", "B", "B", "B", "B"},
                new int[] {1, 1, 0, 0, 1, 1, 0, 0});
        assertThat(cur.bins()).extracting(WoeBin::woeSmoothed).containsExactly(0.0, 0.0);
        assertThat(WoeIv.signFlips(ref, cur)).isEmpty();
        assertThat(WoeIv.ivChangePercent(ref, cur)).isEqualTo(-100.0);
    }

    @Test
    void ivChangeAndSignFlipsNumericInReferenceBins() {
        // x = 1..8 with 2 bins: quantile 0.5 is 4.5 (numpy linear), edges [1, 4.5, 8]; bin0 = {1..4} has
        // 1 event / 3 non-events and bin1 = {5..8} has 3 / 1: the same table as the categorical case above.
        WoeIvResult ref = WoeIv.withDefaults().withBins(2).evaluateNumeric(
                new double[] {1, 2, 3, 4, 5, 6, 7, 8}, new int[] {0, 0, 0, 1, 1, 1, 1, 0});
        assertThat(ref.edges()).containsExactly(1.0, 4.5, 8.0);
        assertThat(ref.bins()).extracting(WoeBin::interval).containsExactly("[1.0, 4.5]", "(4.5, 8.0]");
        // Current values outside [1, 8] land in the outer bins: bin0 = {-5, 0, 2, 3} (3 events / 1 non-event),
        // bin1 = {6, 7, 9, 100} (2 / 2): the current table of the categorical case, so the same hand values.
        WoeIvResult cur = WoeIv.numericWithEdges(ref.edges(),
                new double[] {-5, 0, 2, 3, 6, 7, 9, 100}, new int[] {1, 1, 1, 0, 1, 0, 1, 0});
        assertThat(cur.bins()).extracting(WoeBin::count).containsExactly(4L, 4L);
        assertThat(WoeIv.ivChangePercent(ref, cur)).isCloseTo(HAND_CHANGE_PERCENT, within(1e-9));
        assertThat(WoeIv.signFlips(ref, cur)).extracting(WoeSignFlip::label).containsExactly("bin0", "bin1");
        assertThat(WoeIv.signFlips(ref, cur)).extracting(WoeSignFlip::interval).containsExactly("[1.0, 4.5]", "(4.5, 8.0]");

        WoeIvResult ownBins = WoeIv.numeric(new double[] {-5, 0, 2, 3, 6, 7, 9, 100}, new int[] {1, 1, 1, 0, 1, 0, 1, 0});
        assertThatThrownBy(() -> WoeIv.signFlips(ref, ownBins)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different edges");
    }

    @Test
    void ivChangeIsUndefinedForZeroReferenceIv() {
        WoeIvResult constant = WoeIv.numeric(new double[] {7, 7, 7, 7}, new int[] {0, 1, 0, 1});
        assertThat(constant.ivSmoothed()).isZero();
        assertThat(WoeIv.ivChangePercent(constant, constant)).isNull();
    }

    @Test
    void resultSerialisesWithNullsAndReadsBack() throws IOException {
        WoeIvResult r = compute(CASES.get("categorical_contract_n22"));
        String json = JSON.writeValueAsString(r);
        JsonNode tree = JSON.readTree(json);
        assertThat(tree.get("ivRaw").isNull()).isTrue();
        assertThat(tree.get("bins").get(2).get("woeRaw").isNull()).isTrue();
        assertThat(JSON.readValue(json, WoeIvResult.class)).isEqualTo(r);
    }

    private static void assertClose(String what, Double actual, JsonNode expected) {
        if (expected == null || expected.isNull() || (expected.isTextual() && expected.asText().equals("undefined"))) {
            assertThat(actual).as(what + " should be undefined").isNull();
            return;
        }
        double want = expected.asDouble();
        assertThat(actual).as(what).isNotNull();
        assertThat(actual).as(what).isCloseTo(want, within(REL_TOL * Math.max(Math.abs(want), Double.MIN_NORMAL)));
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out.stream();
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }
}
