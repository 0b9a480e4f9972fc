package dev.tuneboard.web;

import dev.tuneboard.run.Experiments;
import dev.tuneboard.spec.SpecException;
import dev.tuneboard.store.ExperimentRecord;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An experiment's data folder, read from its stored spec (never from a request). */
final class DataDirs {
    static final Path DEFAULT = Path.of("data/mnist");

    private final Experiments experiments;
    private final Map<Long, Path> byExperiment = new ConcurrentHashMap<>();

    DataDirs(Experiments experiments) {
        this.experiments = experiments;
    }

    Path of(ExperimentRecord e) {
        return byExperiment.computeIfAbsent(e.id(), id -> {
            try {
                return experiments.open(e).spec().data().dir();
            } catch (SpecException ex) {
                return DEFAULT;
            }
        });
    }
}
