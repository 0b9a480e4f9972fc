package dev.tuneboard.train.fast;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

/**
 * DL4J's dense layer, except that backprop reuses the pre-activation the forward pass computed.
 * DL4J 1.0.0-M2.1 recomputes it in {@code backpropGradient} — one of the four matrix products of a
 * training step (profiled with async-profiler: a quarter of all GEMM time, 15% of the step).
 * Same arithmetic otherwise; {@link FastPaths} swaps it in for training and back before saving.
 */
public final class OnePassDenseLayer extends DenseLayer {
    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("DenseLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        Runtime layer = new Runtime(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    /** The runtime layer: keeps z = xW + b from the training forward pass until the backward pass takes it. */
    static final class Runtime extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {
        private INDArray preOutput;
        private INDArray preOutputInput;

        Runtime(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            forget();
            if (!training || !reusable()) return super.activate(training, workspaceMgr);
            INDArray z = super.preOutputWithPreNorm(true, false, workspaceMgr).getFirst();
            // The activation overwrites z in place; the copy lives as long as the layer activations (the whole step).
            preOutput = workspaceMgr.dup(ArrayType.ACTIVATIONS, z);
            preOutputInput = input;
            INDArray out = layerConf().getActivationFn().getActivation(z, true);
            if (maskArray != null) applyMask(out);
            return out;
        }

        @Override
        protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
            // Only the backward pass right after a training forward pass on this very input may reuse z.
            if (forBackprop && preOutput != null && input != null && input == preOutputInput) {
                INDArray z = preOutput;
                forget();
                return new Pair<>(z, z);
            }
            return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
        }

        @Override
        public void clear() {
            forget();
            super.clear();
        }

        /** Weight noise draws new weights per call and layer norm needs the pre-norm value: compute again. */
        private boolean reusable() {
            return layerConf().getWeightNoise() == null && !hasLayerNorm();
        }

        private void forget() {
            preOutput = null;
            preOutputInput = null;
        }
    }
}
