package dev.tuneboard.data;

/**
 * Data that cannot be used: a missing file, a wrong IDX header, a checksum mismatch (field {@code data.dir}),
 * or a validation split as large as the training images in use ({@code data.validation}). Exit code 2.
 */
public class DataException extends Exception {
    private final String field;

    public DataException(String message) {
        this("data.dir", message);
    }

    public DataException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The spec field the problem belongs to. */
    public String field() {
        return field;
    }
}
