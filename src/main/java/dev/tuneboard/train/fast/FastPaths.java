package dev.tuneboard.train.fast;

import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Swaps DL4J parts for faster equivalents while a network trains ({@link HeapAdam} for Adam,
 * {@link OnePassDenseLayer} for the dense layer, {@link HeapMaxNormConstraint} for the max-norm constraint), and
 * back before the network is saved, so a saved model names only DL4J classes and loads in any DL4J. They compute
 * the same numbers (tested).
 */
public final class FastPaths {
    /** What {@link #forTraining} swaps in, as a trial's provenance states it. */
    public static final String DESCRIPTION = "HeapAdam for Adam, OnePassDenseLayer for DenseLayer, HeapMaxNormConstraint for MaxNormConstraint (same numbers as DL4J's)";

    private FastPaths() {
    }

    /** A copy of {@code conf} with the fast parts; layers and updaters without one stay as they are. */
    public static MultiLayerConfiguration forTraining(MultiLayerConfiguration conf) {
        MultiLayerConfiguration copy = conf.clone();
        for (NeuralNetConfiguration layerConf : copy.getConfs()) {
            if (layerConf.getLayer() instanceof BaseLayer base) {
                base.setIUpdater(heap(base.getIUpdater()));
                base.setBiasUpdater(heap(base.getBiasUpdater()));
                base.setConstraints(swapped(base.getConstraints(), FastPaths::heap));
            }
            if (layerConf.getLayer().getClass() == DenseLayer.class) {
                layerConf.setLayer(copyFields(layerConf.getLayer(), new OnePassDenseLayer()));
            }
        }
        return copy;
    }

    /** Puts DL4J's own classes back in place, in {@code conf} itself. */
    public static void forSaving(MultiLayerConfiguration conf) {
        for (NeuralNetConfiguration layerConf : conf.getConfs()) {
            if (layerConf.getLayer() instanceof OnePassDenseLayer fast) {
                layerConf.setLayer(copyFields(fast, new DenseLayer()));
            }
            if (layerConf.getLayer() instanceof BaseLayer base) {
                if (base.getIUpdater() instanceof HeapAdam h) base.setIUpdater(h.toAdam());
                if (base.getBiasUpdater() instanceof HeapAdam h) base.setBiasUpdater(h.toAdam());
                base.setConstraints(swapped(base.getConstraints(),
                        c -> c instanceof HeapMaxNormConstraint h ? h.toMaxNorm() : c));
            }
        }
    }

    private static IUpdater heap(IUpdater updater) {
        return updater != null && updater.getClass() == Adam.class ? new HeapAdam((Adam) updater) : updater;
    }

    private static LayerConstraint heap(LayerConstraint c) {
        return c != null && c.getClass() == MaxNormConstraint.class ? new HeapMaxNormConstraint((MaxNormConstraint) c) : c;
    }

    private static List<LayerConstraint> swapped(List<LayerConstraint> constraints, UnaryOperator<LayerConstraint> swap) {
        if (constraints == null) return null;
        List<LayerConstraint> out = new ArrayList<>(constraints.size());
        for (LayerConstraint c : constraints) out.add(swap.apply(c));
        return out;
    }

    /** Every field DenseLayer and its superclasses declare: the two classes differ only in behaviour. */
    private static DenseLayer copyFields(org.deeplearning4j.nn.conf.layers.Layer from, DenseLayer to) {
        try {
            for (Class<?> c = DenseLayer.class; c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) continue;
                    f.setAccessible(true);
                    f.set(to, f.get(from));
                }
            }
            return to;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot copy a DL4J dense layer configuration", e);
        }
    }
}
