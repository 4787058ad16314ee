package io.modelwatch.core.importance;

import io.modelwatch.core.data.NumberText;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The WoE/IV table of event and non-event counts per bin: the formulas and the smoothing of {@link WoeIv} (see
 * its conventions), the labels and intervals of numeric and categorical bins, and the {@value WoeIv#MISSING} bin.
 * Shared by the whole-batch computation ({@link WoeIv}) and the chunked one ({@link WoeIvCounts}).
 */
final class WoeTable {

    private WoeTable() {
    }

    /** The numeric table of counts gathered by {@link WoeRows#countNumeric}. */
    static WoeIvResult numeric(double[] edges, long[] events, long[] nonEvents, double smoothing) {
        int numericBins = Math.max(edges.length - 1, 0);
        boolean hasMissing = events[numericBins] + nonEvents[numericBins] > 0;
        int b = numericBins + (hasMissing ? 1 : 0);
        List<String> labels = new ArrayList<>(b);
        String[] intervals = new String[b];
        for (int k = 0; k < numericBins; k++) {
            labels.add("bin" + k);
            intervals[k] = (k == 0 ? "[" : "(") + NumberText.pythonRepr(edges[k]) + ", "
                    + NumberText.pythonRepr(edges[k + 1]) + "]";
        }
        if (hasMissing) {
            labels.add(WoeIv.MISSING);
        }
        List<Double> edgeList = new ArrayList<>(edges.length);
        for (double e : edges) {
            edgeList.add(e);
        }
        return result(WoeIvResult.Kind.NUMERIC, edgeList, labels, intervals,
                Arrays.copyOf(events, b), Arrays.copyOf(nonEvents, b), smoothing);
    }

    /**
     * The categorical table of the non-event and event counts ({@code [0]}, {@code [1]}) per category and of the
     * null rows gathered by {@link WoeRows#countCategorical}: categories in sorted order, then missing.
     */
    static WoeIvResult categorical(Map<String, long[]> cells, long[] missing, double smoothing) {
        List<String> labels = new ArrayList<>(cells.keySet());
        labels.sort(String::compareTo);
        boolean hasMissing = missing[0] + missing[1] > 0;
        int b = labels.size() + (hasMissing ? 1 : 0);
        long[] events = new long[b];
        long[] nonEvents = new long[b];
        for (int k = 0; k < labels.size(); k++) {
            long[] c = cells.get(labels.get(k));
            nonEvents[k] = c[0];
            events[k] = c[1];
        }
        if (hasMissing) {
            labels.add(WoeIv.MISSING);
            nonEvents[b - 1] = missing[0];
            events[b - 1] = missing[1];
        }
        String[] intervals = new String[b];
        return result(WoeIvResult.Kind.CATEGORICAL, List.of(), labels, intervals, events, nonEvents, smoothing);
    }

    private static WoeIvResult result(WoeIvResult.Kind kind, List<Double> edges, List<String> labels,
                                      String[] intervals, long[] events, long[] nonEvents, double smoothing) {
        int b = events.length;
        long totalEvents = 0;
        long totalNonEvents = 0;
        for (int k = 0; k < b; k++) {
            totalEvents += events[k];
            totalNonEvents += nonEvents[k];
        }
        double smoothedEvents = totalEvents + smoothing * b;
        double smoothedNonEvents = totalNonEvents + smoothing * b;
        List<WoeBin> out = new ArrayList<>(b);
        double ivRaw = 0;
        boolean rawDefined = true;
        double ivSmoothed = 0;
        for (int k = 0; k < b; k++) {
            Double pe = totalEvents == 0 ? null : (double) events[k] / totalEvents;
            Double pne = totalNonEvents == 0 ? null : (double) nonEvents[k] / totalNonEvents;
            Double woeRaw = null;
            if (events[k] > 0 && nonEvents[k] > 0) {
                woeRaw = Math.log(pne / pe);
                ivRaw += (pne - pe) * woeRaw;
            } else {
                rawDefined = false;
            }
            double pes = (events[k] + smoothing) / smoothedEvents;
            double pnes = (nonEvents[k] + smoothing) / smoothedNonEvents;
            double woeSmoothed = Math.log(pnes / pes);
            double contribution = (pnes - pes) * woeSmoothed;
            ivSmoothed += contribution;
            out.add(new WoeBin(labels.get(k), intervals[k], events[k] + nonEvents[k], events[k], nonEvents[k],
                    pe, pne, woeRaw, woeSmoothed, contribution));
        }
        return new WoeIvResult(kind, edges, out, totalEvents, totalNonEvents,
                rawDefined && b > 0 ? ivRaw : null, ivSmoothed);
    }
}
