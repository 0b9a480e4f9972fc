package dev.tuneboard.search.arbiter;

import dev.tuneboard.model.LearningRateSchedule;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.spec.ModelSpec;
import dev.tuneboard.spec.TrainingSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options Arbiter's MultiLayerSpace has no slot for, applied to the configuration it built for one point:
 * layer count (the network is built with the most layers, the rest are dropped), activation, max-norm, weight
 * decay and the learning-rate schedule. Every one is a DL4J class, so saved models load in plain DL4J.
 * An option missing from the point leaves the configuration exactly as Arbiter built it.
 */
record NetworkOptions(Map<String, Number> values) {
    /** DL4J activation for each name in {@link ModelSpec#ACTIVATIONS}. */
    static final Map<String, Activation> ACTIVATIONS = Map.of("relu", Activation.RELU, "leaky_relu", Activation.LEAKYRELU,
            "elu", Activation.ELU, "gelu", Activation.GELU);

    void applyTo(MultiLayerConfiguration conf) {
        Number layers = values.get(ExperimentSpec.LAYERS);
        if (layers != null) keepHiddenLayers(conf, layers.intValue());
        List<NeuralNetConfiguration> confs = conf.getConfs();
        Number activation = values.get(ExperimentSpec.ACTIVATION);
        if (activation != null) {
            Activation a = ACTIVATIONS.get(ModelSpec.ACTIVATIONS.get(activation.intValue()));
            for (NeuralNetConfiguration c : confs) {
                if (c.getLayer().getClass() == DenseLayer.class) ((DenseLayer) c.getLayer()).setActivationFn(a.getActivationFunction());
            }
        }
        Number maxNorm = values.get(ExperimentSpec.MAX_NORM);
        if (maxNorm != null) {
            for (NeuralNetConfiguration c : confs) {
                // DL4J keeps W as [nIn, nOut]: a unit's incoming weights are a column, so the norm runs over dimension 0.
                ((BaseLayer) c.getLayer()).setConstraints(List.of(
                        new MaxNormConstraint(maxNorm.doubleValue(), Set.of(DefaultParamInitializer.WEIGHT_KEY), 0)));
            }
        }
        Number weightDecay = values.get(ExperimentSpec.WEIGHT_DECAY);
        if (weightDecay != null && weightDecay.doubleValue() > 0) {
            for (NeuralNetConfiguration c : confs) {
                // Decoupled (AdamW): each step subtracts learning rate × decay × w, after Adam's step; weights only.
                ((BaseLayer) c.getLayer()).setRegularization(new ArrayList<>(List.of(new WeightDecay(weightDecay.doubleValue(), true))));
            }
        }
        LearningRateSchedule schedule = schedule();
        if (schedule != null) {
            for (NeuralNetConfiguration c : confs) {
                BaseLayer layer = (BaseLayer) c.getLayer();
                Adam adam = (Adam) layer.getIUpdater();
                Adam scheduled = new Adam(adam.getLearningRate(), adam.getBeta1(), adam.getBeta2(), adam.getEpsilon());
                scheduled.setLearningRateSchedule(new MapSchedule(ScheduleType.EPOCH, schedule.perEpoch(adam.getLearningRate())));
                layer.setIUpdater(scheduled);
            }
        }
    }

    /** The point's schedule, or null when it has neither a schedule nor warm-up (a constant rate, as before both existed). */
    LearningRateSchedule schedule() {
        Number kind = values.get(ExperimentSpec.LR_SCHEDULE);
        Number warmup = values.get(ExperimentSpec.WARMUP_EPOCHS);
        if (kind == null && warmup == null) return null;
        String name = kind == null ? "none" : TrainingSpec.LR_SCHEDULES.get(kind.intValue());
        Number every = values.get(ExperimentSpec.LR_STEP_EPOCHS);
        Number gamma = values.get(ExperimentSpec.LR_GAMMA);
        double defaultGamma = name.equals("exponential") ? LearningRateSchedule.DEFAULT_EXPONENTIAL_GAMMA : LearningRateSchedule.DEFAULT_STEP_GAMMA;
        return new LearningRateSchedule(name, values.get(ExperimentSpec.EPOCHS).intValue(), warmup == null ? 0 : warmup.intValue(),
                every == null ? LearningRateSchedule.DEFAULT_EVERY_EPOCHS : every.intValue(), gamma == null ? defaultGamma : gamma.doubleValue());
    }

    /** Drops the hidden layers after the first {@code count} and feeds the output layer from the last one kept. */
    private static void keepHiddenLayers(MultiLayerConfiguration conf, int count) {
        List<NeuralNetConfiguration> confs = conf.getConfs();
        int hidden = confs.size() - 1;
        if (count >= hidden) return;
        NeuralNetConfiguration output = confs.get(hidden);
        confs.subList(count, hidden).clear();
        ((FeedForwardLayer) output.getLayer()).setNIn(((FeedForwardLayer) confs.get(count - 1).getLayer()).getNOut());
        output.getLayer().setLayerName("layer" + count);
    }
}
