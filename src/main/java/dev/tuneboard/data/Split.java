package dev.tuneboard.data;

/**
 * One part of the data, ready for training: pixels scaled to [0, 1] row by row, labels 0..classes-1,
 * and for every row its index in the IDX file it came from (so a misclassified digit can be drawn).
 */
public record Split(String name, float[] features, int[] labels, int[] sourceIndex, int width, int classes) {
    public Split {
        if (features.length != labels.length * width) throw new IllegalArgumentException("features do not match labels");
        if (sourceIndex.length != labels.length) throw new IllegalArgumentException("source index does not match labels");
    }

    public int size() {
        return labels.length;
    }
}
