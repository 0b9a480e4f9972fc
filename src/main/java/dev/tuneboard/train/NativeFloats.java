package dev.tuneboard.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fresh row-major float matrix filled from a heap array with one bulk copy, where {@code Nd4j.create(float[])}
 * copies element by element through an indexer (with the zeroing of new native memory, which libnd4j does
 * either way: 6% of a trial's time in a 2-trial search, async-profiler, for batches of 400 KB; freeing
 * batches promptly, see BatchGatherer, is what made that memory warm and the zeroing cheap).
 */
final class NativeFloats {
    private NativeFloats() {
    }

    static INDArray matrix(float[] values, int rows, int columns) {
        return matrix(values, 0, rows, columns);
    }

    /** The matrix of {@code rows} rows starting at row {@code firstRow} of {@code values}, without a heap copy first. */
    static INDArray matrix(float[] values, int firstRow, int rows, int columns) {
        INDArray m = Nd4j.createUninitialized(DataType.FLOAT, new long[] {rows, columns}, 'c');
        m.data().asNioFloat().put(0, values, firstRow * columns, rows * columns);
        return m;
    }

    /** Frees an array this class made, now rather than whenever the GC finds it. */
    static void release(INDArray m) {
        if (m != null && m.closeable()) m.close();
    }
}
