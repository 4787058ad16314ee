package io.modelwatch.core.run;

/** Placeholder: quality part of a run (Jackson-serialisable record; fields being written). */
public record QualitySection(String placeholder) {
}
