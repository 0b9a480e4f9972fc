package dev.tuneboard.store;

import dev.tuneboard.trial.Retrained;

import java.util.Optional;

/** Trained models, kept in the database so every process that reaches the store can export them. */
public interface ArtifactStore {
    Optional<byte[]> model(long trialId);

    /** Whether the trial kept a model, without reading it (models are megabytes). */
    boolean hasModel(long trialId);

    /** Keeps (or replaces) the model retrained from this trial on training + validation. Safe to repeat. */
    void saveRetrained(Retrained retrained, byte[] model);

    /** What the retrained model of this trial is, without its bytes. */
    Optional<Retrained> retrained(long trialId);

    Optional<byte[]> retrainedModel(long trialId);
}
