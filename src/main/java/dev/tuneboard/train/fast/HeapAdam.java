package dev.tuneboard.train.fast;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

import java.util.Map;

/**
 * Adam exactly as configured, with its step computed by {@link HeapAdamUpdater} instead of ND4J's
 * native {@code adam_updater} op. Measured with the reference net on one thread: the native op takes
 * about 3 ms per batch for 536k parameters (a fifth of the whole step: a bare loop ran 12.9k samples/s with Sgd, 10.0k with Adam), the
 * Java loop about 0.4 ms. Used only while training: {@link FastPaths} puts plain {@link Adam} back
 * before a model is saved, so exported models load in any DL4J.
 */
public final class HeapAdam extends Adam {
    public HeapAdam(Adam adam) {
        super(adam.getLearningRate(), adam.getBeta1(), adam.getBeta2(), adam.getEpsilon());
        setLearningRateSchedule(adam.getLearningRateSchedule());
    }

    /** Plain Adam with the same settings. */
    public Adam toAdam() {
        Adam a = new Adam(getLearningRate(), getBeta1(), getBeta2(), getEpsilon());
        a.setLearningRateSchedule(getLearningRateSchedule());
        return a;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        HeapAdamUpdater u = new HeapAdamUpdater(this);
        u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        HeapAdamUpdater u = new HeapAdamUpdater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    // Adam's clone() makes a plain Adam; DL4J clones layer configurations while building a network.
    @Override
    public HeapAdam clone() {
        return new HeapAdam(this);
    }
}
