package dev.tuneboard.run;

import dev.tuneboard.data.DataCheck;
import dev.tuneboard.data.DataException;
import dev.tuneboard.data.DigitDataLoader;
import dev.tuneboard.data.Splits;
import dev.tuneboard.spec.DataSpec;
import dev.tuneboard.spec.ExperimentSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A spec's data: checked the same way by every entry point (validate, run, submit from the CLI or the
 * dashboard, a worker), and its splits loaded once while they stay in use. Needs no store, so bad data is
 * reported before anything is written.
 */
public final class Datasets {
    /** Loaded splits kept: a worker alternates between a few experiments at most; a full MNIST is ~220 MB. */
    private static final int KEPT = 2;

    private final DigitDataLoader loader;
    private final Map<DataSpec, Splits> loaded = new LinkedHashMap<>(4, 0.75f, true);

    public Datasets(DigitDataLoader loader) {
        this.loader = loader;
    }

    /** Files, IDX headers, SHA256SUMS, and a validation split that leaves training images. */
    public DataCheck check(ExperimentSpec spec) throws DataException {
        DataSpec d = spec.data();
        return loader.check(d.dir(), d.validation(), d.trainLimit());
    }

    /** The spec's train/validation/test splits. */
    public synchronized Splits splits(ExperimentSpec spec) throws DataException {
        DataSpec d = spec.data();
        DataSpec key = new DataSpec(d.dir().toAbsolutePath().normalize(), d.validation(), d.trainLimit(), d.testLimit(),
                d.splitSeed());
        Splits splits = loaded.get(key);
        if (splits == null) {
            splits = loader.load(d.dir(), d.validation(), d.trainLimit(), d.testLimit(), d.splitSeed());
            loaded.put(key, splits);
            while (loaded.size() > KEPT) loaded.remove(loaded.keySet().iterator().next());
        }
        return splits;
    }
}
