package dev.tuneboard.search.arbiter;

import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.AbstractParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.util.LeafUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Arbiter's MultiLayerSpace covers the network and updater but not batch size or epochs; this
 * composite puts all of them in one space so Arbiter's generators search them together.
 */
final class TrialParameterSpace extends AbstractParameterSpace<TrialConfig> {
    private final MultiLayerSpace network;
    private final ParameterSpace<Integer> batchSize;
    private final ParameterSpace<Integer> epochs;
    private final List<ParameterSpace<? extends Number>> extra;

    TrialParameterSpace(MultiLayerSpace network, ParameterSpace<Integer> batchSize, ParameterSpace<Integer> epochs) {
        this(network, batchSize, epochs, List.of());
    }

    /**
     * {@code extra}: leaves the network space has no slot for (layer count, activation, schedule, ..., then augmentation); they come
     * after every other leaf, so a spec without them has the very same point layout as before they existed.
     */
    TrialParameterSpace(MultiLayerSpace network, ParameterSpace<Integer> batchSize, ParameterSpace<Integer> epochs,
                        List<ParameterSpace<? extends Number>> extra) {
        this.network = network;
        this.batchSize = batchSize;
        this.epochs = epochs;
        this.extra = List.copyOf(extra);
    }

    @Override
    public TrialConfig getValue(double[] point) {
        return new TrialConfig(network.getValue(point).getMultiLayerConfiguration(),
                batchSize.getValue(point), epochs.getValue(point));
    }

    @Override
    public int numParameters() {
        return LeafUtils.countUniqueParameters(collectLeaves());
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        List<ParameterSpace> leaves = new ArrayList<>(network.collectLeaves());
        leaves.addAll(batchSize.collectLeaves());
        leaves.addAll(epochs.collectLeaves());
        for (ParameterSpace<? extends Number> e : extra) leaves.addAll(e.collectLeaves());
        return leaves;
    }

    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        Map<String, ParameterSpace> nested = new java.util.LinkedHashMap<>(Map.of("network", network, "batchSize", batchSize, "epochs", epochs));
        for (int i = 0; i < extra.size(); i++) nested.put("extra" + i, extra.get(i));
        return nested;
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("not a leaf");
    }

    /** Numbers the leaves exactly as Arbiter's generators do, so points decode without a generator. */
    void assignIndices() {
        int i = 0;
        for (ParameterSpace leaf : LeafUtils.getUniqueObjects(collectLeaves())) {
            int n = leaf.numParameters();
            if (n == 0) continue;
            int[] idx = new int[n];
            for (int j = 0; j < n; j++) idx[j] = i++;
            leaf.setIndices(idx);
        }
    }
}
