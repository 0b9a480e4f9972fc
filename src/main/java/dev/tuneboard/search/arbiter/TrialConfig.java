package dev.tuneboard.search.arbiter;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/** What Arbiter's composite space yields for one point: the network and its data settings. */
record TrialConfig(MultiLayerConfiguration network, int batchSize, int epochs) implements java.io.Serializable {
}
