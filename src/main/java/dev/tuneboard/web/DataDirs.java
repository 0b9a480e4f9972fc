package dev.tuneboard.web;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.spec.SpecException;
import dev.tuneboard.store.ExperimentRecord;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An experiment's data folder, read from its stored spec (never from a request). */
final class DataDirs {
    static final Path DEFAULT = Path.of("data/mnist");

    private final Map<Long, Path> byExperiment = new ConcurrentHashMap<>();

    Path of(ExperimentRecord e) {
        return byExperiment.computeIfAbsent(e.id(), id -> {
            try {
                return Tuneboard.specLoader().parse(e.specText(), e.name()).data().dir();
            } catch (SpecException ex) {
                return DEFAULT;
            }
        });
    }
}
