package dev.tuneboard.data;

/**
 * The contents of one IDX file: images (magic 2051; count × rows × cols unsigned bytes) or labels
 * (magic 2049; one unsigned byte each). Pixels stay bytes until a trial needs floats.
 */
public record IdxFile(int magic, int count, int rows, int cols, byte[] bytes) {
    public static final int IMAGES = 2051;
    public static final int LABELS = 2049;

    public int itemSize() {
        return magic == IMAGES ? rows * cols : 1;
    }

    public int unsigned(int item, int offset) {
        return bytes[item * itemSize() + offset] & 0xff;
    }
}
