package dev.tuneboard.train;

import dev.tuneboard.data.Split;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * A split cut into row chunks as ND4J arrays, scored after every epoch: chunks keep inference memory bounded
 * whatever the split's size.
 */
final class EvalChunks implements AutoCloseable {
    private final Split split;
    private final int chunkRows;
    private final List<INDArray> chunks;
    private final boolean owned;

    /** Chunks of its own, freed by {@link #close()}. */
    EvalChunks(Split split, int chunkRows) {
        this(split, chunkRows, cut(split, chunkRows), true);
    }

    /**
     * Chunks made earlier by {@link #cut} and shared (read only: the network never writes its input), which
     * {@link #close()} leaves alone: a trial then does not copy 2 × 31 MB of validation and test images to fresh
     * native memory.
     */
    EvalChunks(Split split, int chunkRows, List<INDArray> shared) {
        this(split, chunkRows, shared, false);
    }

    private EvalChunks(Split split, int chunkRows, List<INDArray> chunks, boolean owned) {
        this.split = split;
        this.chunkRows = chunkRows;
        this.chunks = owned ? new ArrayList<>(chunks) : List.copyOf(chunks);
        this.owned = owned;
    }

    /** The split's rows as native matrices of {@code chunkRows} rows (fewer in the last). */
    static List<INDArray> cut(Split split, int chunkRows) {
        List<INDArray> chunks = new ArrayList<>();
        for (int from = 0; from < split.size(); from += chunkRows) {
            int to = Math.min(split.size(), from + chunkRows);
            chunks.add(NativeFloats.matrix(split.features(), from, to - from, split.width()));
        }
        return chunks;
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

    /** Frees the chunks' native memory when they are this object's own; the network must not be scored on them afterwards. */
    @Override
    public void close() {
        if (!owned) return;
        chunks.forEach(NativeFloats::release);
        chunks.clear();
    }
}
