package io.modelwatch.core.run;

/** Placeholder: drift part of a run (Jackson-serialisable record; fields being written). */
public record DriftSection(String placeholder) {
}
