package dev.tuneboard.data;

/** Data that cannot be used: a missing file, a wrong IDX header, a checksum mismatch. Exit code 2. */
public class DataException extends Exception {
    public DataException(String message) {
        super(message);
    }
}
