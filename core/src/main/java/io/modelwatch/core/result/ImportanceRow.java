package io.modelwatch.core.result;

import java.util.List;

/**
 * Information value of one feature, reference against current ({@code snapshot.json → importance[]}).
 * Both sides use the reference's bins and the smoothed (+0.5) WoE/IV.
 *
 * @param column       feature
 * @param referenceIv  smoothed IV on the reference
 * @param currentIv    smoothed IV on the labelled current rows
 * @param ivChangePct  {@code 100 (current - reference) / reference}, {@code null} when the reference IV is 0
 * @param signFlips    number of bins whose WoE changed sign
 * @param flippedBins  labels of those bins
 */
public record ImportanceRow(String column, double referenceIv, double currentIv, Double ivChangePct, int signFlips,
                            List<String> flippedBins) {

    public ImportanceRow {
        flippedBins = List.copyOf(flippedBins);
    }
}
