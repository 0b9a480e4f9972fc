package dev.tuneboard.train.fast;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Adam step over float arrays on the Java heap, which HotSpot vectorises. The same arithmetic,
 * in the same order and precision, as libnd4j's {@code adamUpdater_} (float):
 * m = b1·m + (1−b1)·g; v = b2·v + (1−b2)·g²; step = m·α / (√v + ε), α = lr·√(1−b2^t)/(1−b1^t).
 *
 * <p>The moment estimates live here, not in DL4J's updater state view; {@link #getState()} copies them
 * into the view when somebody asks for the state. Gradients that are not contiguous float vectors
 * (never the case for DL4J's flattened gradient blocks) go to ND4J's own updater.
 */
final class HeapAdamUpdater implements GradientUpdater<Adam> {
    private final Adam config;
    private INDArray mView;
    private INDArray vView;
    private float[] m;
    private float[] v;
    private float[] g;
    private AdamUpdater fallback;

    HeapAdamUpdater(Adam config) {
        this.config = config;
    }

    @Override
    public Adam getConfig() {
        return config;
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (!viewArray.isRowVector()) throw new IllegalArgumentException("Invalid input: expect row vector input");
        if (initialize) viewArray.assign(0);
        long length = viewArray.length() / 2;
        INDArray flat = viewArray.reshape(viewArray.length());
        mView = flat.get(NDArrayIndex.interval(0, length));
        vView = flat.get(NDArrayIndex.interval(length, 2 * length));
        if (viewArray.dataType() != DataType.FLOAT || length > Integer.MAX_VALUE) {
            fallback = new AdamUpdater(config);
            fallback.setStateViewArray(viewArray, gradientShape, gradientOrder, false);
            return;
        }
        m = mView.toFloatVector();
        v = vView.toFloatVector();
        g = new float[(int) length];
    }

    @Override
    public void setState(Map<String, INDArray> state, boolean initialize) {
        INDArray mIn = state.get(AdamUpdater.M_STATE);
        INDArray vIn = state.get(AdamUpdater.V_STATE);
        if (mIn == null || vIn == null) throw new IllegalStateException("State map should contain M and V");
        if (initialize) {
            mIn.assign(0);
            vIn.assign(0);
        }
        mView = mIn;
        vView = vIn;
        if (mIn.dataType() != DataType.FLOAT || mIn.length() > Integer.MAX_VALUE) {
            fallback = new AdamUpdater(config);
            fallback.setState(state, false);
            return;
        }
        m = mIn.toFloatVector();
        v = vIn.toFloatVector();
        g = new float[m.length];
    }

    @Override
    public Map<String, INDArray> getState() {
        if (fallback != null) return fallback.getState();
        mView.assign(vector(m, mView));
        vView.assign(vector(v, vView));
        Map<String, INDArray> state = new LinkedHashMap<>();
        state.put(AdamUpdater.M_STATE, mView);
        state.put(AdamUpdater.V_STATE, vView);
        return state;
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (m == null && fallback == null) throw new IllegalStateException("Updater has not been initialized with view state");
        FloatBuffer buffer = contiguousFloats(gradient);
        if (fallback != null || buffer == null) {
            fallbackUpdater().applyUpdater(gradient, iteration, epoch);
            return;
        }
        int n = g.length;
        int offset = (int) gradient.offset();
        buffer.get(offset, g, 0, n);
        step(g, m, v, (float) config.getLearningRate(iteration, epoch), (float) config.getBeta1(),
                (float) config.getBeta2(), (float) config.getEpsilon(), iteration);
        buffer.put(offset, g, 0, n);
    }

    /** In place: {@code g} becomes the step to subtract. Float arithmetic like libnd4j's T = float. */
    static void step(float[] g, float[] m, float[] v, float lr, float beta1, float beta2, float epsilon, int iteration) {
        if (epsilon == 0f) epsilon = 1e-7f;
        float t = iteration + 1;
        float beta1T = (float) Math.pow(beta1, t);
        float beta2T = (float) Math.pow(beta2, t);
        float alpha = (float) (lr * (float) Math.sqrt((float) (1.0 - beta2T)) / (1.0 - beta1T));
        if (Float.isNaN(alpha) || alpha == 0f || Float.isInfinite(alpha)) alpha = epsilon;
        float oneMinusBeta1 = 1 - beta1;
        float oneMinusBeta2 = 1 - beta2;
        for (int i = 0; i < g.length; i++) {
            float gi = g[i];
            float mi = beta1 * m[i] + gi * oneMinusBeta1;
            float vi = beta2 * v[i] + gi * gi * oneMinusBeta2;
            m[i] = mi;
            v[i] = vi;
            g[i] = (mi * alpha) / ((float) Math.sqrt(vi) + epsilon);
        }
    }

    private AdamUpdater fallbackUpdater() {
        if (fallback == null) {
            // Hand the moments over once; from now on ND4J keeps them in the view.
            getState();
            fallback = new AdamUpdater(config);
            Map<String, INDArray> state = new LinkedHashMap<>();
            state.put(AdamUpdater.M_STATE, mView);
            state.put(AdamUpdater.V_STATE, vView);
            fallback.setState(state, false);
            m = null;
            v = null;
        }
        return fallback;
    }

    /** The gradient's floats when they lie one after another in memory, else null. */
    private FloatBuffer contiguousFloats(INDArray gradient) {
        if (g == null || gradient.dataType() != DataType.FLOAT || gradient.length() != g.length) return null;
        if (!gradient.isVectorOrScalar() || gradient.elementWiseStride() != 1) return null;
        return gradient.data().asNioFloat();
    }

    private static INDArray vector(float[] values, INDArray like) {
        return org.nd4j.linalg.factory.Nd4j.create(values, like.shape(), like.ordering());
    }
}
