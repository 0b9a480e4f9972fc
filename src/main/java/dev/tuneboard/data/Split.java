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

    /** This split's rows followed by {@code other}'s, under a new name (both must have the same shape). */
    public Split plus(Split other, String name) {
        if (other.width != width || other.classes != classes) throw new IllegalArgumentException("splits of different shapes");
        float[] f = java.util.Arrays.copyOf(features, features.length + other.features.length);
        System.arraycopy(other.features, 0, f, features.length, other.features.length);
        int[] l = java.util.Arrays.copyOf(labels, labels.length + other.labels.length);
        System.arraycopy(other.labels, 0, l, labels.length, other.labels.length);
        int[] src = java.util.Arrays.copyOf(sourceIndex, sourceIndex.length + other.sourceIndex.length);
        System.arraycopy(other.sourceIndex, 0, src, sourceIndex.length, other.sourceIndex.length);
        return new Split(name, f, l, src, width, classes);
    }
}
