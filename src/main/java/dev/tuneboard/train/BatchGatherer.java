package dev.tuneboard.train;

import dev.tuneboard.data.Split;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Makes one shuffled minibatch at a time from the split's rows on the Java heap: the rows are copied
 * into a reused heap buffer and handed to ND4J as a fresh array. Measured against gathering from a
 * native copy of the whole split with {@code Nd4j.pullRows}: cheaper per batch, and no 150 MB native
 * copy of the training set per trial. Native buffers are never reused between batches — a variant
 * that did so crashed libnd4j once with two trials in parallel.
 */
final class BatchGatherer {
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
        INDArray f = Nd4j.create(features, new long[] {rows, width}, 'c');
        INDArray l = Nd4j.create(labels, new long[] {rows, classes}, 'c');
        return new DataSet(f, l);
    }
}
