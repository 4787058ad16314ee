package io.modelwatch.core.quality;

import io.modelwatch.core.config.FeatureSpec;
import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TextBytes;
import io.modelwatch.core.quality.QualityFinding.Kind;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.modelwatch.core.quality.ReportDraft.percent;
import static io.modelwatch.core.quality.ReportDraft.quoted;

/**
 * Categorical values outside the allowed ones: their count, first rows, and the count of each distinct
 * unknown value in first-seen order (memory grows with the distinct unknown values only).
 */
final class UnknownCategories implements QualityCheck {
    final FeatureSpec feature;
    final String severity;
    final Set<String> allowed;
    long count;
    final ExampleRows examples = new ExampleRows();
    final Map<String, long[]> unknown = new LinkedHashMap<>();

    UnknownCategories(FeatureSpec feature, String severity) {
        this.feature = feature;
        this.severity = severity;
        this.allowed = new HashSet<>(feature.allowedValues());
    }

    @Override
    public void add(ColumnBatch chunk, long offset) {
        Column column = chunk.column(feature.name());
        if (column instanceof CategoricalColumn c) {
            List<String> dictionary = c.dictionary();
            boolean[] bad = new boolean[dictionary.size()];
            for (int code = 0; code < bad.length; code++) {
                bad[code] = !allowed.contains(dictionary.get(code));
            }
            long[] perCode = new long[bad.length];
            int[] firstSeen = new int[bad.length];
            int distinct = 0;
            int[] codes = c.codes();
            for (int i = 0; i < codes.length; i++) {
                int code = codes[i];
                if (code != CategoricalColumn.NULL_CODE && bad[code]) {
                    count++;
                    if (perCode[code]++ == 0) {
                        firstSeen[distinct++] = code;
                    }
                    if (!examples.full()) {
                        examples.add(offset + i + 1, null);
                    }
                }
            }
            for (int k = 0; k < distinct; k++) {
                unknown.computeIfAbsent(dictionary.get(firstSeen[k]), v -> new long[1])[0] += perCode[firstSeen[k]];
            }
        } else {
            StringColumn s = (StringColumn) column;
            for (int i = 0, n = s.size(); i < n; i++) {
                String value = s.get(i);
                if (value != null && !allowed.contains(value)) {
                    count++;
                    unknown.computeIfAbsent(value, v -> new long[1])[0]++;
                    if (!examples.full()) {
                        examples.add(offset + i + 1, null);
                    }
                }
            }
        }
    }

    @Override
    public void merge(QualityCheck later) {
        UnknownCategories l = (UnknownCategories) later;
        count += l.count;
        examples.merge(l.examples);
        l.unknown.forEach((value, n) -> unknown.computeIfAbsent(value, v -> new long[1])[0] += n[0]);
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeLong(count);
        examples.writeTo(out);
        out.writeInt(unknown.size());
        for (Map.Entry<String, long[]> e : unknown.entrySet()) {
            TextBytes.write(out, e.getKey());
            out.writeLong(e.getValue()[0]);
        }
    }

    @Override
    public void readFrom(DataInput in, long shift) throws IOException {
        count = in.readLong();
        examples.readFrom(in, shift);
        unknown.clear();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            unknown.put(TextBytes.read(in), new long[] {in.readLong()});
        }
    }

    @Override
    public void report(ReportDraft out) {
        if (count == 0) {
            return;
        }
        // A stable sort: equal counts stay in first-seen order.
        List<String> values = unknown.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed())
                .limit(QualityReport.MAX_VALUES).map(Map.Entry::getKey).toList();
        out.add(Kind.UNKNOWN_CATEGORY, feature.name(), count, out.share(count), null, severity,
                "feature '" + feature.name() + "': " + count + " values (" + percent(out.share(count))
                        + ") outside the allowed " + feature.allowedValues() + ": " + quoted(values)
                        + (unknown.size() > values.size() ? " and " + (unknown.size() - values.size())
                        + " more" : ""), examples.rows(), values);
    }
}
