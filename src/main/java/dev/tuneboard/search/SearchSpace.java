package dev.tuneboard.search;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

import java.util.Map;

/**
 * The experiment's hyperparameters as a space: decodes points to named values and to the network
 * configuration a trial trains. Points are what {@link Sampler}s produce and what the store keeps,
 * so a stored trial can be rebuilt exactly (resume, rerun, export).
 */
public interface SearchSpace {

    int dimensions();

    Map<String, Number> decode(double[] point);

    /** The network for this point, its weight initialisation seeded with {@code seed}. */
    MultiLayerConfiguration network(double[] point, long seed);

    /** Training settings that are not part of the network. */
    int batchSize(double[] point);

    int epochs(double[] point);

    double learningRate(double[] point);
}
