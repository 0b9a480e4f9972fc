package dev.tuneboard.train;

import dev.tuneboard.data.Split;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * A split cut into row chunks as ND4J arrays, made once per trial and scored after every epoch:
 * chunks keep inference memory bounded whatever the split's size.
 */
final class EvalChunks implements AutoCloseable {
    private final Split split;
    private final int chunkRows;
    private final List<INDArray> chunks = new ArrayList<>();

    EvalChunks(Split split, int chunkRows) {
        this.split = split;
        this.chunkRows = chunkRows;
        int width = split.width();
        for (int from = 0; from < split.size(); from += chunkRows) {
            int to = Math.min(split.size(), from + chunkRows);
            float[] rows = java.util.Arrays.copyOfRange(split.features(), from * width, to * width);
            chunks.add(NativeFloats.matrix(rows, to - from, width));
        }
    }

    Split split() {
        return split;
    }

    int count() {
        return chunks.size();
    }

    int firstRow(int chunk) {
        return chunk * chunkRows;
    }

    INDArray features(int chunk) {
        return chunks.get(chunk);
    }

    /** Frees the chunks' native memory; the network must not be scored on them afterwards. */
    @Override
    public void close() {
        chunks.forEach(NativeFloats::release);
        chunks.clear();
    }
}
