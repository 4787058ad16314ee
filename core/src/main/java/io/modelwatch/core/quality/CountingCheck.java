package io.modelwatch.core.quality;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A check that counts offending cells and keeps the first rows (and values) in file order: merging, writing and
 * reading are the same for all of them; each subclass counts its own kind of cell.
 */
abstract class CountingCheck implements QualityCheck {
    long count;
    final ExampleRows examples = new ExampleRows();

    @Override
    public void merge(QualityCheck later) {
        CountingCheck l = (CountingCheck) later;
        count += l.count;
        examples.merge(l.examples);
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeLong(count);
        examples.writeTo(out);
    }

    @Override
    public void readFrom(DataInput in, long shift) throws IOException {
        count = in.readLong();
        examples.readFrom(in, shift);
    }
}
