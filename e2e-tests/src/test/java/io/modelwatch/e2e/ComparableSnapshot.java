package io.modelwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A {@code snapshot.json} without what tells two runs of the same data apart, so that the snapshots of the CLI, the
 * Spark job and the services on the same files can be compared as text (every number bit for bit). The one list of
 * what is left out, with the reason for each:
 * <ul>
 *   <li>{@code run.runId}, {@code run.startedAt}, {@code run.durationMs}: each run's own;</li>
 *   <li>{@code run.inputs}: the file names as each path was given them (the services' stored batch, the CLI's and
 *       Spark's files, a profile or a CSV as reference);</li>
 *   <li>{@code run.referenceId}, {@code run.referenceVersion}: the services' registration of the reference; the CLI
 *       and Spark have none;</li>
 *   <li>{@code multivariateAnomaly.historyRuns} and {@code .reason} when its status is {@code not_enough_history}: the
 *       services keep the model's earlier runs, a CLI run without {@code --history} has none; below the isolation
 *       forest's minimum history both say "not enough history" and only the count of earlier runs differs.</li>
 * </ul>
 * Everything else (metrics, drift, performance, quality, segments, alerts) must be equal.
 */
final class ComparableSnapshot {

    private static final List<String> RUN_FIELDS = List.of("runId", "startedAt", "durationMs", "inputs", "referenceId",
            "referenceVersion");

    private ComparableSnapshot() {
    }

    static JsonNode of(JsonNode snapshot) {
        ObjectNode copy = snapshot.deepCopy();
        ObjectNode run = (ObjectNode) copy.get("run");
        RUN_FIELDS.forEach(run::remove);
        JsonNode forest = copy.get("multivariateAnomaly");
        if (forest instanceof ObjectNode f && "not_enough_history".equals(f.path("status").asText())) {
            f.remove("historyRuns");
            f.remove("reason");
        }
        return copy;
    }

    /**
     * The JSON pointers where {@code a} and {@code b} differ (at most {@code limit}), each with both values: for a
     * failure message that says where two legs part, not only that they do.
     */
    static List<String> differences(JsonNode a, JsonNode b, int limit) {
        List<String> out = new ArrayList<>();
        collect("", a, b, out, limit);
        return out;
    }

    private static void collect(String path, JsonNode a, JsonNode b, List<String> out, int limit) {
        if (out.size() >= limit || a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode other = b.get(f.getKey());
                if (other == null) {
                    out.add(path + "/" + f.getKey() + ": only in the first");
                } else {
                    collect(path + "/" + f.getKey(), f.getValue(), other, out, limit);
                }
            }
            for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!a.has(name) && out.size() < limit) {
                    out.add(path + "/" + name + ": only in the second");
                }
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                collect(path + "/" + i, a.get(i), b.get(i), out, limit);
            }
        } else {
            out.add(path + ": " + abbreviate(a) + " vs " + abbreviate(b));
        }
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
