package io.modelwatch.core.run;

/** Placeholder: performance part of a run (Jackson-serialisable record; fields being written). */
public record PerformanceSection(String placeholder) {
}
