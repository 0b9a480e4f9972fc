package dev.tuneboard.search.arbiter;

import org.deeplearning4j.arbiter.optimize.api.AbstractParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

import java.util.List;
import java.util.Map;

/**
 * Specs speak of the probability of DROPPING a unit; DL4J's dropOut(x) takes the probability of
 * RETAINING one. This wraps the spec's space and returns 1 - p, sharing its leaf.
 */
final class RetainProbabilitySpace extends AbstractParameterSpace<Double> {
    private final ParameterSpace<? extends Number> dropProbability;

    RetainProbabilitySpace(ParameterSpace<? extends Number> dropProbability) {
        this.dropProbability = dropProbability;
    }

    @Override
    public Double getValue(double[] parameterValues) {
        return 1.0 - dropProbability.getValue(parameterValues).doubleValue();
    }

    @Override
    public int numParameters() {
        return dropProbability.numParameters();
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        return dropProbability.collectLeaves();
    }

    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        return Map.of("drop", dropProbability);
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("not a leaf");
    }
}
