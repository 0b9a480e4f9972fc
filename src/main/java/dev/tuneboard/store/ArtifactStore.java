package dev.tuneboard.store;

import java.util.Optional;

/** Trained models, kept in the database so every process that reaches the store can export them. */
public interface ArtifactStore {
    Optional<byte[]> model(long trialId);

    /** Whether the trial kept a model, without reading it (models are megabytes). */
    boolean hasModel(long trialId);
}
