package dev.tuneboard.search.arbiter;

import dev.tuneboard.search.SearchSpace;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.spec.Param;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spec as Arbiter's MultiLayerSpace (784 inputs, hidden layers (ReLU unless the spec says otherwise), softmax output,
 * cross-entropy, Adam) inside a composite with batch size and epochs. One leaf per named
 * hyperparameter, so a point decodes to names as well as to a network.
 */
public final class ArbiterSpace implements SearchSpace {
    /** Parameters outside Arbiter's network space, applied to the configuration it builds (see {@link #network}). */
    private static final List<String> EXTRA = List.of(ExperimentSpec.LAYERS, ExperimentSpec.ACTIVATION, ExperimentSpec.MAX_NORM,
            ExperimentSpec.LR_SCHEDULE, ExperimentSpec.LR_STEP_EPOCHS, ExperimentSpec.LR_GAMMA, ExperimentSpec.WARMUP_EPOCHS,
            ExperimentSpec.WEIGHT_DECAY);

    private final Map<String, ParameterSpace<? extends Number>> leaves = new LinkedHashMap<>();
    private final TrialParameterSpace space;
    private final MultiLayerSpace network;

    @SuppressWarnings("unchecked")
    public ArbiterSpace(ExperimentSpec spec, int inputs, int classes) {
        spec.parameters().forEach((name, param) -> leaves.put(name, leaf(param)));
        ParameterSpace<Double> learningRate = asDouble(leaves.get(ExperimentSpec.LEARNING_RATE));
        ParameterSpace<? extends Number> dropout = leaves.get(ExperimentSpec.DROPOUT);
        boolean noDropout = spec.model().dropout() instanceof Param.Fixed f && f.value().doubleValue() == 0.0;

        MultiLayerSpace.Builder builder = new MultiLayerSpace.Builder()
                .seed(0)
                .weightInit(WeightInit.RELU)
                // Not new AdamSpace(lr): that one-argument form sets beta1, beta2 and epsilon to lr too.
                .updater(new AdamSpace(learningRate, new FixedValue<>(0.9), new FixedValue<>(0.999), new FixedValue<>(1e-8)))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .setInputType(InputType.feedForward(inputs));
        // DL4J applies a layer's dropout to its input: dropping hidden units means dropout on every
        // layer after the first hidden one, including the output layer.
        RetainProbabilitySpace retain = noDropout ? null : new RetainProbabilitySpace(dropout);
        int layers = spec.model().hiddenUnits().size();
        for (int i = 0; i < layers; i++) {
            DenseLayerSpace.Builder dense = new DenseLayerSpace.Builder()
                    .nOut(asInt(leaves.get(ExperimentSpec.unitsName(i))))
                    .activation(Activation.RELU);
            if (i > 0 && retain != null) dense.dropOut(retain);
            builder.addLayer(dense.build());
        }
        OutputLayerSpace.Builder output = new OutputLayerSpace.Builder()
                .nOut(classes)
                .activation(Activation.SOFTMAX)
                .lossFunction(LossFunctions.LossFunction.MCXENT);
        if (retain != null) output.dropOut(retain);
        builder.addLayer(output.build());
        network = builder.build();

        List<ParameterSpace<? extends Number>> extra = new ArrayList<>();
        for (String name : EXTRA) if (leaves.containsKey(name)) extra.add(leaves.get(name));
        // Augmentation after the network's extras: specs without it keep their point layout.
        spec.training().augmentation().parameters().keySet().forEach(name -> extra.add(leaves.get(name)));
        space = new TrialParameterSpace(network,
                asInt(leaves.get(ExperimentSpec.BATCH_SIZE)), asInt(leaves.get(ExperimentSpec.EPOCHS)), extra);
        space.assignIndices();
    }

    TrialParameterSpace arbiterSpace() {
        return space;
    }

    @Override
    public int dimensions() {
        return space.numParameters();
    }

    /** Leaves that take part in the point, in index order: what a sampler varies. */
    List<ParameterSpace> searchedLeaves() {
        List<ParameterSpace> out = new ArrayList<>();
        for (ParameterSpace leaf : org.deeplearning4j.arbiter.util.LeafUtils.getUniqueObjects(space.collectLeaves())) {
            if (leaf.numParameters() > 0) out.add(leaf);
        }
        return out;
    }

    @Override
    public Map<String, Number> decode(double[] point) {
        checkPoint(point);
        Map<String, Number> values = new LinkedHashMap<>();
        leaves.forEach((name, leaf) -> values.put(name, leaf.getValue(point)));
        return values;
    }

    @Override
    public MultiLayerConfiguration network(double[] point, long seed) {
        checkPoint(point);
        MultiLayerConfiguration conf = space.getValue(point).network();
        new NetworkOptions(decode(point)).applyTo(conf);
        // Seeds are per trial, not per space: every layer's config carries the seed DL4J initialises with.
        for (NeuralNetConfiguration layerConf : conf.getConfs()) layerConf.setSeed(seed);
        return conf;
    }

    @Override
    public int batchSize(double[] point) {
        return decode(point).get(ExperimentSpec.BATCH_SIZE).intValue();
    }

    @Override
    public int epochs(double[] point) {
        return decode(point).get(ExperimentSpec.EPOCHS).intValue();
    }

    @Override
    public double learningRate(double[] point) {
        return decode(point).get(ExperimentSpec.LEARNING_RATE).doubleValue();
    }

    private void checkPoint(double[] point) {
        if (point.length != dimensions()) {
            throw new IllegalArgumentException("point has " + point.length + " coordinates; this space has " + dimensions());
        }
        for (double v : point) {
            if (!(v >= 0.0 && v <= 1.0)) throw new IllegalArgumentException("point coordinate outside [0, 1]: " + v);
        }
    }

    static ParameterSpace<? extends Number> leaf(Param param) {
        if (param instanceof Param.Named n) {
            return n.values().size() == 1 ? new FixedValue<>(n.indices().get(0)) : new DiscreteParameterSpace<>(n.indices());
        }
        if (param instanceof Param.Fixed f) {
            return f.value() instanceof Integer i ? new FixedValue<>(i) : new FixedValue<>(f.value().doubleValue());
        }
        if (param instanceof Param.Choice c) {
            boolean ints = c.values().stream().allMatch(v -> v instanceof Integer);
            if (ints) return new DiscreteParameterSpace<>(c.values().stream().map(Number::intValue).toList());
            return new DiscreteParameterSpace<>(c.values().stream().map(Number::doubleValue).toList());
        }
        if (param instanceof Param.IntRange r) {
            if (r.log()) return new IntegerParameterSpace(new LogUniformIntegerDistribution(r.low(), r.high()));
            if (r.step() == 1) return new IntegerParameterSpace(r.low(), r.high());
            List<Integer> values = new ArrayList<>();
            for (int v = r.low(); v <= r.high(); v += r.step()) values.add(v);
            return new DiscreteParameterSpace<>(values);
        }
        if (param instanceof Param.Uniform u) return new ContinuousParameterSpace(u.low(), u.high());
        if (param instanceof Param.LogUniform u) {
            return new ContinuousParameterSpace(new LogUniformDistribution(u.low(), u.high()));
        }
        throw new IllegalArgumentException("unknown parameter kind " + param);
    }

    @SuppressWarnings("unchecked")
    private static ParameterSpace<Integer> asInt(ParameterSpace<? extends Number> space) {
        return (ParameterSpace<Integer>) space;
    }

    @SuppressWarnings("unchecked")
    private static ParameterSpace<Double> asDouble(ParameterSpace<? extends Number> space) {
        return (ParameterSpace<Double>) space;
    }
}
