package io.modelwatch.core.data;

import java.util.List;

/**
 * The rows of one block as parsed on its own: pieces of at most a chunk's rows in file order, with the block's
 * dictionaries (per column, null but for categorical ones); {@link #QUOTED} for a block given up. Made by a
 * worker of {@link ParallelCsvStream}, handed to the sink by {@link ChunkedPass#addBlock}.
 */
record ParsedBlock(List<Piece> pieces, ByteDictionary[] dictionaries, long records) {

    static final ParsedBlock QUOTED = new ParsedBlock(List.of(), new ByteDictionary[0], -1);

    /** Rows of a block: its columns, and its parse issues with row numbers from the block's first row. */
    record Piece(Column[] columns, int rows, ParseIssueCollector issues) {
    }
}
