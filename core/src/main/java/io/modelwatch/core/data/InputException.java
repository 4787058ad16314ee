package io.modelwatch.core.data;

/**
 * An input file that cannot be read as a table at all: missing, empty, without a header, or with an
 * unterminated quoted field. The message names the file and, where known, the row or column.
 * Cells that merely fail to parse are not errors; they are counted in the batch's {@link ParseReport}.
 */
public class InputException extends IllegalArgumentException {

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
