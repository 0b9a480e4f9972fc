package dev.tuneboard.train.fast;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Set;

/**
 * DL4J's max-norm constraint for a dense layer's weights (norm over dimension 0: each unit's incoming weights, a
 * column of the [nIn, nOut] matrix) as Java loops over a heap copy of one column at a time. DL4J's own runs five
 * ND4J ops with allocations, twice, after every step; that cost a 784-512-512 network a fifth of its training speed
 * on one thread (results/bench/option-speed). The arithmetic is DL4J's: each column j is multiplied by
 * min(‖w_j‖, maxNorm) / (‖w_j‖ + ε), also when under the bound. Only the norm's summation order differs (float
 * sums in eight lanes, as a vectorised reduction sums), so results agree with DL4J's to float rounding
 * (FastPathsOptionsTest). Other shapes, types and dimensions go to DL4J's code. Like the network it belongs to,
 * an instance is used by one thread at a time.
 */
final class HeapMaxNormConstraint extends MaxNormConstraint {
    /** One column of weights: it stays in the L1 cache through both passes. */
    private float[] column = new float[0];

    HeapMaxNormConstraint(MaxNormConstraint like) {
        super(like.getMaxNorm(), Set.copyOf(like.getParams()), like.getDimensions().clone());
        setEpsilon(like.getEpsilon());
    }

    /** DL4J's class with the same settings, for saving. */
    MaxNormConstraint toMaxNorm() {
        MaxNormConstraint plain = new MaxNormConstraint(getMaxNorm(), Set.copyOf(getParams()), getDimensions().clone());
        plain.setEpsilon(getEpsilon());
        return plain;
    }

    @Override
    public void apply(INDArray param) {
        if (!constrain(param, 1)) super.apply(param);
    }

    /**
     * DL4J 1.0.0-M2.1's {@code BaseConstraint.applyConstraint} applies each constraint twice per step (two identical
     * ifs in a row); the second pass only scales by norm / (norm + ε) again. We keep both so the numbers stay
     * DL4J's, but make them in one sweep over memory, a column at a time.
     */
    @Override
    public void applyConstraint(Layer layer, int iteration, int epoch) {
        Map<String, INDArray> table = layer.paramTable();
        if (table == null) return;
        for (Map.Entry<String, INDArray> e : table.entrySet()) {
            if (!getParams().contains(e.getKey())) continue;
            if (!constrain(e.getValue(), 2)) {
                super.apply(e.getValue());
                super.apply(e.getValue());
            }
        }
    }

    /** Applies the constraint {@code times} times over, or returns false for a parameter DL4J's code must take. */
    private boolean constrain(INDArray param, int times) {
        int[] dims = getDimensions();
        if (param.dataType() != DataType.FLOAT || param.rank() != 2 || dims.length != 1 || dims[0] != 0
                || param.length() > Integer.MAX_VALUE || param.stride(0) != 1 || param.stride(1) != param.size(0)) {
            return false;
        }
        // 'f' order [nIn, nOut] with unit stride down a column: column j is rows * j .. rows * (j + 1).
        int rows = (int) param.size(0);
        int cols = (int) param.size(1);
        if (column.length != rows) column = new float[rows];
        float[] w = column;
        FloatBuffer buffer = param.data().asNioFloat();
        int offset = (int) param.offset();
        float max = (float) getMaxNorm();
        float eps = (float) getEpsilon();
        for (int j = 0; j < cols; j++) {
            int at = offset + j * rows;
            buffer.get(at, w, 0, rows);
            for (int t = 0; t < times; t++) {
                float norm = (float) Math.sqrt(sumOfSquares(w));
                float scale = Math.min(norm, max) / (norm + eps);
                for (int i = 0; i < rows; i++) w[i] *= scale;
            }
            buffer.put(at, w, 0, rows);
        }
        return true;
    }

    /** Eight running sums: independent lanes let the loop pipeline instead of waiting on one float add chain. */
    private static float sumOfSquares(float[] w) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        int to = w.length;
        for (; i + 8 <= to; i += 8) {
            s0 += w[i] * w[i];
            s1 += w[i + 1] * w[i + 1];
            s2 += w[i + 2] * w[i + 2];
            s3 += w[i + 3] * w[i + 3];
            s4 += w[i + 4] * w[i + 4];
            s5 += w[i + 5] * w[i + 5];
            s6 += w[i + 6] * w[i + 6];
            s7 += w[i + 7] * w[i + 7];
        }
        for (; i < to; i++) s0 += w[i] * w[i];
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    @Override
    public HeapMaxNormConstraint clone() {
        return new HeapMaxNormConstraint(this);
    }
}
