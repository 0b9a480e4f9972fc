package dev.tuneboard.train;

import dev.tuneboard.data.Split;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Makes one shuffled minibatch at a time from the split's rows on the Java heap: the rows are copied
 * into a reused heap buffer and handed to ND4J as a fresh array. Measured against gathering from a
 * native copy of the whole split with {@code Nd4j.pullRows}: cheaper per batch, and no 150 MB native
 * copy of the training set per trial. Native buffers are never reused between batches — a variant
 * that did so crashed libnd4j once with two trials in parallel — but each batch is freed two batches
 * later, when the network no longer refers to it: left to the GC, fresh native memory was page-faulted
 * in for every batch (4% of a trial, async-profiler) and a 2-trial search grew to 2.7 GB resident.
 */
final class BatchGatherer implements AutoCloseable {
    private static final int KEEP = 2;
    private final java.util.ArrayDeque<DataSet> issued = new java.util.ArrayDeque<>();
    private final Split split;
    private final int batchSize;
    private final float[] x;
    private final float[] y;

    BatchGatherer(Split split, int batchSize) {
        this.split = split;
        this.batchSize = batchSize;
        this.x = new float[batchSize * split.width()];
        this.y = new float[batchSize * split.classes()];
    }

    /** The batch of rows {@code order[from .. from + batchSize)} (fewer at the end), one-hot labels. */
    DataSet batch(int[] order, int from) {
        int rows = Math.min(batchSize, order.length - from);
        int width = split.width();
        int classes = split.classes();
        float[] features = rows == batchSize ? x : new float[rows * width];
        float[] labels = rows == batchSize ? y : new float[rows * classes];
        java.util.Arrays.fill(labels, 0f);
        for (int r = 0; r < rows; r++) {
            int row = order[from + r];
            System.arraycopy(split.features(), row * width, features, r * width, width);
            labels[r * classes + split.labels()[row]] = 1f;
        }
        while (issued.size() >= KEEP) release(issued.removeFirst());
        DataSet batch = new DataSet(NativeFloats.matrix(features, rows, width), NativeFloats.matrix(labels, rows, classes));
        issued.addLast(batch);
        return batch;
    }

    /** Frees the batches still held; call once the network is done training. */
    @Override
    public void close() {
        while (!issued.isEmpty()) release(issued.removeFirst());
    }

    private static void release(DataSet batch) {
        NativeFloats.release(batch.getFeatures());
        NativeFloats.release(batch.getLabels());
    }
}
