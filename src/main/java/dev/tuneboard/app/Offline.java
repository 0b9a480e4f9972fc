package dev.tuneboard.app;

import dev.tuneboard.data.DigitDataLoader;
import dev.tuneboard.data.IdxReader;
import dev.tuneboard.model.MlpArchitecture;
import dev.tuneboard.run.Datasets;
import dev.tuneboard.search.arbiter.ArbiterSearchFactory;
import dev.tuneboard.spec.SpecLoader;

/**
 * The part of the composition root that needs no database: specs, data checks and splits, the search factory.
 * {@code validate} runs on this alone, so checking a spec can never create or open a store.
 */
public final class Offline {
    private final SpecLoader specs = new SpecLoader();
    private final Datasets datasets = new Datasets(new DigitDataLoader(new IdxReader()));
    private final ArbiterSearchFactory search = new ArbiterSearchFactory(MlpArchitecture.MNIST_INPUTS, MlpArchitecture.MNIST_CLASSES);

    public SpecLoader specs() {
        return specs;
    }

    public Datasets datasets() {
        return datasets;
    }

    public ArbiterSearchFactory search() {
        return search;
    }
}
