package io.modelwatch.support.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard of the models ({@code k8s/base/grafana/modelwatch-models.json}) queries only gauges the
 * services export, by labels they have: every {@code modelwatch_*} name in its queries and variables is a
 * {@link ModelGauge}, and every label it selects, groups by or lists values of is one of that gauge's labels.
 * (That the services really export them after a run: the gauge tests of drift-, performance- and alert-service,
 * and the end-to-end test, which scrapes all five.)
 */
class GrafanaDashboardTest {

    static final Path DASHBOARD = Path.of("..", "k8s", "base", "grafana", "modelwatch-models.json");
    private static final Pattern METRIC = Pattern.compile("\\bmodelwatch_\\w+");
    private static final Pattern SELECTOR = Pattern.compile("(modelwatch_\\w+)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("(\\w+)\\s*(=~|!~|!=|=)");
    private static final Pattern BY = Pattern.compile("by\\s*\\(([^)]*)\\)\\s*\\((modelwatch_\\w+)");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*(modelwatch_\\w+)[^,]*,\\s*(\\w+)\\s*\\)");

    private static final Map<String, ModelGauge> EXPORTED = Arrays.stream(ModelGauge.values())
            .collect(Collectors.toMap(ModelGauge::metricName, Function.identity()));

    @Test
    void everyMetricTheDashboardQueriesIsAModelGaugeWithThoseLabels() throws Exception {
        List<String> queries = queries(new ObjectMapper().readTree(Files.readString(DASHBOARD)));
        assertThat(queries).as("queries of " + DASHBOARD).isNotEmpty();

        Set<String> names = new LinkedHashSet<>();
        for (String q : queries) {
            Matcher m = METRIC.matcher(q);
            while (m.find()) {
                names.add(m.group());
            }
        }
        assertThat(names).as("metric names the dashboard queries").isNotEmpty();
        assertThat(EXPORTED.keySet()).as("gauges the services export").containsAll(names);
        // and it plots every model gauge
        assertThat(names).containsExactlyInAnyOrderElementsOf(EXPORTED.keySet());

        for (String q : queries) {
            Matcher s = SELECTOR.matcher(q);
            while (s.find()) {
                Matcher label = MATCHER.matcher(s.group(2));
                while (label.find()) {
                    assertThat(EXPORTED.get(s.group(1)).labels()).as("label selected in " + q).contains(label.group(1));
                }
            }
            Matcher by = BY.matcher(q);
            while (by.find()) {
                for (String label : by.group(1).split(",")) {
                    assertThat(EXPORTED.get(by.group(2)).labels()).as("label grouped by in " + q).contains(label.trim());
                }
            }
            Matcher values = LABEL_VALUES.matcher(q);
            while (values.find()) {
                assertThat(EXPORTED.get(values.group(1)).labels()).as("label listed in " + q).contains(values.group(2));
            }
        }
    }

    /** Every PromQL text of the dashboard: panel targets' {@code expr}, template variables' queries. */
    static List<String> queries(JsonNode node) {
        List<String> out = new ArrayList<>();
        collect(node, out);
        return out;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (Set.of("expr", "query", "definition").contains(e.getKey()) && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else {
                    collect(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, out));
        }
    }
}
