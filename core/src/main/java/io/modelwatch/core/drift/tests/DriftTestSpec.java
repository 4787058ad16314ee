package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftDirection;

import java.util.Set;

/**
 * What a drift test declares about itself, in one line per test: the registry name, the column kinds it
 * accepts, Evidently's default threshold and how the score is compared with it.
 */
record DriftTestSpec(String name, Set<ColumnKind> kinds, double defaultThreshold, DriftDirection direction) {
}
