package dev.tuneboard.search.arbiter;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

import java.io.Serializable;

/**
 * What Arbiter's composite space yields for one point: the network and its data settings.
 * Serializable because Arbiter's Candidate(value, index, point) stores the value through a
 * SerializedSupplier, which Java-serialises it (and throws otherwise).
 */
record TrialConfig(MultiLayerConfiguration network, int batchSize, int epochs) implements Serializable {
}
